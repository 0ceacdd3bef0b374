/*
 * Facebook "Download Your Information" exports, HTML flavour.
 *
 * Two class layouts exist.  The 2019 one (index.html, posts/your_posts_1.html,
 * comments/comments.html, friends/friends.html, ...) puts each item in
 * <div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"> inside the main
 * <div class="_4t5n">, with a title (_2lel), bodies (_2pin) and a date
 * (_2lem) such as "6 May 2019, 17:32".  The 2024 one (start_here.html,
 * your_facebook_activity/posts/...) uses <main class="_a706">, items _a6-g,
 * titles _a6-h, bodies _a6-p and dates _a72d ("May 6, 2019 5:32:00 PM").
 * Elements are recognised by class tokens, never by tag names or whole
 * class strings.  Titles are in the exporter's language, so the kind of an
 * item comes from the file it is in, never from a title.
 *
 * The page is read with libxml2's HTML push parser and SAX callbacks, so a
 * 50 MB page is never held as a DOM: only the subtree of the item being
 * read is built, and freed once the item is emitted.
 *
 * Byte positions.  With libxml2 2.9.14 (Debian 12) the position the parser
 * reports (xmlByteConsumed) is, at startElement, just after the start tag's
 * attributes (at its '>' or "/>"), and at endElement just after the end
 * tag's '>' when the element is closed by its own end tag; when the parser
 * closes an element itself (a missing end tag) the position lies in or after
 * the tag that made it do so.  Both are the same whatever the chunking.
 * Between two parser events there are only bytes the parser consumed
 * silently and then the tag itself, so an element starts at the first
 * "<name" after the previous event (implied ends, reported mid-tag, do not
 * count as events).  The bytes of the page are kept from the previous event
 * on (and from the start of the current item on) in a window bounded by
 * format_element_cap(), so an item's span [offset, offset+length) is the
 * page's own bytes, starting with its start tag and ending with its end tag.
 * Where no start tag can be found the item carries offset -1 and the hash of
 * its serialised subtree (htmlNodeDump), with a warning.
 *
 * Dates are the exporter's wall clock in English: they are read in the run's
 * zone (timez_from_local, DST-aware) as ITEM_TIME_LOCAL_TEXT with the original
 * text kept.  A date in another language is kept as text, ITEM_TIME_NONE, with a
 * "bad-time" warning; in the hour repeated when clocks go back the earlier
 * instant is taken with an "ambiguous-time" warning.
 *
 * Profile tables (_4nkx, _a6_n, and label/value cells _a6_q/_a6_r) give one
 * ITEM_PROFILE per value.  Row labels are the one place where the exporter's
 * words decide something: which profile field a row is.  Only English labels
 * are known ("Name", "Email addresses", "Workplace", ...); a row with another
 * label keeps that label, lowercased, as its field, except that a row whose
 * every value is an email address is an "email" row in any language.
 *
 * Facebook's HTML is UTF-8 as it should be (no \u00XX mojibake as in the
 * JSON flavour), so text is taken as libxml2 decodes it, entities included;
 * whitespace runs are collapsed (to a newline where one was, or at a block
 * element's edge).  A byte that is not UTF-8 reaches libxml2 as '?' (it
 * would otherwise switch the rest of the page to ISO-8859-1), with a
 * "bad-utf8" warning; the exhibits keep the page's own bytes.
 *
 * Damage: an item that is not closed before the next item begins ends there
 * ("bad-element"), one cut by the end of the page ends with it
 * ("cut-short"), one over format_element_cap() is skipped
 * ("element-too-large"); the rest of the page is read either way.
 */
#include "formats/format.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "scanner/error.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

static const struct layout_anchor anchors[] = {
	{"start_here.html", "facebook-html-2024"},
	{"your_facebook_activity/*.html", "facebook-html-2024"},
	{"index.html", "facebook-html-2019"},
	{"posts/your_posts_*.html", "facebook-html-2019"},
	{NULL, NULL},
};

#define READ_CHUNK 65536
/* Elements nested deeper than this inside one item end its capture. */
#define MAX_ITEM_DEPTH 256

/* ---- which page ----------------------------------------------------- */

enum page_type { PAGE_NONE, PAGE_ITEMS, PAGE_PROFILE };

struct page {
	enum page_type type;
	enum item_kind kind;
	const char *relation;           /* connections and group memberships */
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with_html(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcasecmp(path + n - 5, ".html") == 0;
}

/* Connection lists, by file name (both layouts). */
static const struct {
	const char *prefix;
	const char *relation;
} connection_files[] = {
	{"friends", "friend"},
	{"your_friends", "friend"},
	{"removed_friends", "removed-friend"},
	{"sent_friend_requests", "friend-request-sent"},
	{"received_friend_requests", "friend-request-received"},
	{"rejected_friend_requests", "friend-request-rejected"},
	{"following", "following"},
	{"who_you", "following"},          /* who_you've_followed.html */
	{"people_you_follow", "following"},
	{"followers", "follower"},
	{"people_who_followed_you", "follower"},
};

static struct page classify(const char *path)
{
	struct page pg = {PAGE_NONE, ITEM_POST, NULL};
	if (!ends_with_html(path))
		return pg;
	const char *base = path_basename(path);
	if (strcmp(base, "profile_information.html") == 0) {
		pg.type = PAGE_PROFILE;
		pg.kind = ITEM_PROFILE;
		return pg;
	}
	if (path_has_dir(path, "friends/") || path_has_dir(path, "friends_and_followers/") ||
	    path_has_dir(path, "following_and_followers/") || path_has_dir(path, "connections/")) {
		for (size_t i = 0; i < sizeof connection_files / sizeof *connection_files; i++)
			if (starts_with(base, connection_files[i].prefix)) {
				pg.type = PAGE_ITEMS;
				pg.kind = ITEM_CONNECTION;
				pg.relation = connection_files[i].relation;
				return pg;
			}
		return pg;
	}
	if (path_has_dir(path, "groups/")) {
		pg.type = PAGE_ITEMS;
		pg.kind = ITEM_GROUP;
		if (strstr(base, "membership"))
			pg.relation = "member";
		return pg;
	}
	if (path_has_dir(path, "likes_and_reactions/")) {
		pg.type = PAGE_ITEMS;
		pg.kind = ITEM_LIKE;
		return pg;
	}
	if (path_has_dir(path, "comments/") || path_has_dir(path, "comments_and_reactions/")) {
		if (starts_with(base, "comments")) {
			pg.type = PAGE_ITEMS;
			pg.kind = ITEM_COMMENT;
		} else if (strstr(base, "like") || strstr(base, "reaction")) {
			pg.type = PAGE_ITEMS;
			pg.kind = ITEM_LIKE;
		}
		return pg;
	}
	if (path_has_dir(path, "posts/") && !starts_with(base, "other_people")) {
		pg.type = PAGE_ITEMS;
		pg.kind = ITEM_POST;
	}
	return pg;
}

static bool head_has(const unsigned char *head, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp((const char *)head + i, needle, n) == 0)
			return true;
	return false;
}

static int bid(const char *path, const unsigned char *head, size_t len)
{
	if (classify(path).type == PAGE_NONE)
		return 0;
	if (!head_has(head, len, "<html") && !head_has(head, len, "<!doctype"))
		return 0;
	return 80;
}

/* ---- class tokens --------------------------------------------------- */

static bool class_has(const char *cls, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *p = cls; p && *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *s = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if ((size_t)(p - s) == n && strncmp(s, tok, n) == 0)
			return true;
	}
	return false;
}

static bool node_has(xmlNodePtr n, const char *tok)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	xmlChar *cls = xmlGetProp(n, BAD_CAST "class");
	bool r = cls && class_has((const char *)cls, tok);
	xmlFree(cls);
	return r;
}

static bool is_item_class(const char *cls)
{
	return cls && ((class_has(cls, "pam") && class_has(cls, "_3-95")) ||
		       class_has(cls, "_2lej") || class_has(cls, "_a6-g"));
}

static bool is_profile_table_class(const char *cls)
{
	return cls && (class_has(cls, "_4nkx") || class_has(cls, "_a6_n"));
}

/* ---- the parse state ------------------------------------------------ */

struct node_pos {
	int64_t start, end;         /* -1: unknown */
};

struct fbh {
	struct format_ctx *fc;
	htmlParserCtxtPtr ctxt;
	struct page page;
	size_t cap;
	int64_t base;               /* bytes not given to the parser (a BOM) */

	/* The page's bytes [win_off, win_off + win_len). */
	unsigned char *win;
	size_t win_len, win_cap;
	int64_t win_off;
	int64_t last_pos;           /* after the last parser event */
	int64_t feed_off;           /* the next byte to give the parser */
	unsigned char *scratch;     /* what it is given: the bytes, UTF-8 checked */
	bool bom_checked, bad_utf8;
	bool terminating;

	/* The item being read: its subtree, built from the events. */
	xmlNodePtr root, cur;
	int depth;                  /* open elements of the capture */
	bool discard;               /* over a limit: read to its end, emit nothing */
	bool root_is_item;
	int64_t root_start;
	int64_t root_seen;          /* where the parser reported its start tag */
	size_t tree_bytes;          /* what the subtree holds, about */
	struct node_pos *pos;       /* node->_private is index + 1 */
	size_t npos, pos_cap;

	const char *layout;
	bool seen_main;
	uint64_t emitted;
	int status;
	bool fatal;
};

static int64_t cur_pos(struct fbh *st)
{
	return (int64_t)xmlByteConsumed(st->ctxt) + st->base;
}

static int64_t fed_end(const struct fbh *st)
{
	return st->win_off + (int64_t)st->win_len;
}

static int byte_at(const struct fbh *st, int64_t p)
{
	if (p < st->win_off || p >= fed_end(st))
		return -1;
	return st->win[p - st->win_off];
}

static void set_layout(struct fbh *st, const char *layout)
{
	if (!st->layout) {
		st->layout = layout;
		format_set_layout(st->fc, layout);
	}
}

static void warn(struct fbh *st, int64_t offset, const char *code, const char *msg)
{
	format_warn(st->fc, offset, code, "%s", msg);
	if (st->status < CS_WARN)
		st->status = CS_WARN;
}

/* The first "<name" followed by a delimiter in [from, to), or -1. */
static int64_t find_start_tag(const struct fbh *st, const char *name, int64_t from, int64_t to)
{
	size_t n = strlen(name);
	if (from < st->win_off)
		from = st->win_off;
	for (int64_t p = from; p < to; p++) {
		if (byte_at(st, p) != '<')
			continue;
		size_t i = 0;
		while (i < n && tolower(byte_at(st, p + 1 + (int64_t)i)) == (unsigned char)name[i])
			i++;
		if (i < n)
			continue;
		int d = byte_at(st, p + 1 + (int64_t)n);
		if (d == '>' || d == '/' || (d >= 0 && isspace(d)))
			return p;
	}
	return -1;
}

/* 1 if the bytes before pos are "</name>" (whitespace allowed before '>'). */
static bool closed_by_end_tag(const struct fbh *st, const char *name, int64_t pos)
{
	int64_t p = pos - 1;
	if (byte_at(st, p) != '>')
		return false;
	p--;
	while (byte_at(st, p) >= 0 && isspace(byte_at(st, p)))
		p--;
	size_t n = strlen(name);
	for (size_t i = 0; i < n; i++, p--)
		if (tolower(byte_at(st, p)) != (unsigned char)name[n - 1 - i])
			return false;
	return byte_at(st, p) == '/' && byte_at(st, p - 1) == '<';
}

/* Where an element that started at `start` ends, seen at position pos. */
static int64_t element_end(const struct fbh *st, const char *name, int64_t start, int64_t pos,
			   bool *proper)
{
	*proper = closed_by_end_tag(st, name, pos);
	if (*proper || (st->terminating && pos >= fed_end(st)))
		return pos;
	/* Closed by the parser: the element ends where the tag that made it
	 * close it begins. */
	for (int64_t p = pos - 1; p > start && p >= st->win_off; p--)
		if (byte_at(st, p) == '<')
			return p;
	return pos;
}

/* ---- capture -------------------------------------------------------- */

static struct node_pos *pos_of(const struct fbh *st, xmlNodePtr n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i && i <= st->npos ? &st->pos[i - 1] : NULL;
}

static xmlNodePtr new_element(struct fbh *st, const xmlChar *name, const xmlChar **atts,
			      int64_t start)
{
	xmlNodePtr n = xmlNewNode(NULL, name);
	if (!n)
		return NULL;
	for (size_t i = 0; atts && atts[i]; i += 2)
		xmlNewProp(n, atts[i], atts[i + 1]);
	st->pos = xgrow(st->pos, &st->pos_cap, st->npos + 1, sizeof *st->pos);
	st->pos[st->npos].start = start;
	st->pos[st->npos].end = -1;
	n->_private = (void *)(uintptr_t)++st->npos;
	return n;
}

static void capture_reset(struct fbh *st)
{
	if (st->root)
		xmlFreeNode(st->root);
	st->root = st->cur = NULL;
	st->depth = 0;
	st->discard = false;
	st->npos = 0;
	st->root_start = st->root_seen = -1;
	st->tree_bytes = 0;
}

static void capture_discard(struct fbh *st, const char *why)
{
	warn(st, st->root_start >= 0 ? st->root_start : st->root_seen, "element-too-large", why);
	if (st->root)
		xmlFreeNode(st->root);
	st->root = st->cur = NULL;
	st->discard = true;
	st->npos = 0;
}

static void finish_capture(struct fbh *st, int64_t end, bool proper);

/* The subtree is bounded like the bytes: an item over the cap is skipped. */
static bool tree_grow(struct fbh *st, size_t n)
{
	st->tree_bytes += n;
	if (st->tree_bytes <= st->cap)
		return true;
	capture_discard(st, "item larger than the element limit: skipped");
	return false;
}

static size_t atts_size(const xmlChar **atts)
{
	size_t n = 128;
	for (size_t i = 0; atts && atts[i]; i += 2)
		n += strlen((const char *)atts[i]) + (atts[i + 1] ? strlen((const char *)atts[i + 1]) : 0);
	return n;
}

static const char *attr_of(const xmlChar **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct fbh *st = ctx;
	if (st->fatal)
		return;
	int64_t pos = cur_pos(st);
	int64_t start = find_start_tag(st, (const char *)name, st->last_pos, pos);
	st->last_pos = pos;
	const char *cls = attr_of(atts, "class");
	if (cls && class_has(cls, "_4t5n")) {
		st->seen_main = true;
		set_layout(st, "facebook-html-2019");
	} else if (cls && class_has(cls, "_a706")) {
		st->seen_main = true;
		set_layout(st, "facebook-html-2024");
	}
	bool item = is_item_class(cls);
	if (st->depth > 0) {
		if (!(item && st->root_is_item)) {
			st->depth++;
			if (st->discard)
				return;
			if (st->depth > MAX_ITEM_DEPTH) {
				capture_discard(st, "item nested too deeply: skipped");
				return;
			}
			if (!tree_grow(st, atts_size(atts)))
				return;
			xmlNodePtr n = new_element(st, name, atts, start);
			if (!n) {
				capture_discard(st, "out of memory for an item: skipped");
				return;
			}
			xmlAddChild(st->cur, n);
			st->cur = n;
			return;
		}
		/* An item inside an item: the one before was never closed.  It
		 * ends where this one starts. */
		if (!st->discard)
			finish_capture(st, start >= 0 ? start : pos, false);
		capture_reset(st);
		if (st->fatal)
			return;
	}
	bool table = st->page.type == PAGE_PROFILE && is_profile_table_class(cls);
	if (!item && !table)
		return;
	if (item)
		set_layout(st, class_has(cls, "_a6-g") ? "facebook-html-2024" : "facebook-html-2019");
	capture_reset(st);
	st->root_is_item = item;
	st->root_start = start;
	st->root_seen = pos;
	st->tree_bytes = atts_size(atts);
	st->root = st->cur = new_element(st, name, atts, start);
	st->depth = 1;
	if (!st->root)
		st->discard = true;
}

static void on_end(void *ctx, const xmlChar *name)
{
	struct fbh *st = ctx;
	if (st->fatal)
		return;
	int64_t pos = cur_pos(st);
	/* An end the parser implied in the middle of another tag is not an
	 * event between tags. */
	if (byte_at(st, pos - 1) == '>' || pos >= fed_end(st))
		st->last_pos = pos;
	if (st->depth == 0)
		return;
	st->depth--;
	if (st->discard) {
		if (st->depth == 0)
			capture_reset(st);
		return;
	}
	xmlNodePtr n = st->cur;
	struct node_pos *np = pos_of(st, n);
	bool proper = false;
	if (np && np->start >= 0)
		np->end = element_end(st, (const char *)name, np->start, pos, &proper);
	if (st->depth == 0) {
		finish_capture(st, np && np->end >= 0 ? np->end : pos, proper);
		capture_reset(st);
		return;
	}
	if (n->parent)
		st->cur = n->parent;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct fbh *st = ctx;
	st->last_pos = cur_pos(st);
	if (st->fatal || st->depth == 0 || st->discard || !st->cur || len <= 0)
		return;
	if (!tree_grow(st, (size_t)len))
		return;
	xmlNodePtr last = st->cur->last;
	if (last && last->type == XML_TEXT_NODE)
		xmlNodeAddContentLen(last, ch, len);
	else
		xmlAddChild(st->cur, xmlNewTextLen(ch, len));
}

/* Script and style bodies, comments, the doctype: positions only. */
static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct fbh *st = ctx;
	(void)ch, (void)len;
	st->last_pos = cur_pos(st);
}

static void on_comment(void *ctx, const xmlChar *value)
{
	on_cdata(ctx, value, 0);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)data;
	on_cdata(ctx, target, 0);
}

static void on_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)ext, (void)sys;
	on_cdata(ctx, name, 0);
}

static void on_error(void *ctx, xmlErrorPtr err)
{
	/* HTML5 tags alone make libxml2's HTML 4 parser complain: parse
	 * errors are not damage.  Damage shows as items not closed. */
	(void)ctx, (void)err;
}

/* ---- text ----------------------------------------------------------- */

struct text {
	struct buf b;
	bool space, newline;
};

static bool is_block(const xmlChar *name)
{
	static const char *const blocks[] = {
		"div", "p", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3",
		"h4", "h5", "h6", "section", "header", "footer", "main", "blockquote", "pre", "dd", "dt",
	};
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (xmlStrcasecmp(name, BAD_CAST blocks[i]) == 0)
			return true;
	return false;
}

static void text_add(struct text *t, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			t->space = true;
			if (*p == '\n')
				t->newline = true;
			continue;
		}
		if (t->b.len && (t->space || t->newline))
			buf_add(&t->b, t->newline ? "\n" : " ", 1);
		t->space = t->newline = false;
		buf_add(&t->b, p, 1);
	}
}

/* Elements whose text is not the item's own text. */
static bool skipped(xmlNodePtr n)
{
	static const char *const toks[] = {"uiBoxGray", "_2lem", "_a72d", "_a6-o", "_4mp8"};
	for (size_t i = 0; i < sizeof toks / sizeof *toks; i++)
		if (node_has(n, toks[i]))
			return true;
	/* The "Group: name" line of a group post. */
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (node_has(c, "_4mp8"))
			return true;
	return false;
}

static void text_collect(struct text *t, xmlNodePtr n, bool skip)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				text_add(t, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || (skip && skipped(n)))
			continue;
		bool block = is_block(n->name);
		if (block)
			t->newline = true;
		text_collect(t, n->children, skip);
		if (block)
			t->newline = true;
	}
}

/* The text of n (collapsed), or NULL if there is none. */
static char *text_of(const struct fbh *st, xmlNodePtr n, bool skip)
{
	struct text t = {BUF_INIT(st->cap), false, false};
	if (n && !(skip && skipped(n)))
		text_collect(&t, n->children, skip);
	if (!t.b.len) {
		buf_release(&t.b);
		return NULL;
	}
	return buf_detach(&t.b, NULL);
}

/* The text of n's element children only (a cell whose own text is a label). */
static char *child_elements_text(const struct fbh *st, xmlNodePtr n)
{
	struct text t = {BUF_INIT(st->cap), false, false};
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			t.newline = true;
			text_collect(&t, c->children, true);
		}
	if (!t.b.len) {
		buf_release(&t.b);
		return NULL;
	}
	return buf_detach(&t.b, NULL);
}

static char *own_text(const struct fbh *st, xmlNodePtr n)
{
	struct text t = {BUF_INIT(st->cap), false, false};
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			text_add(&t, (const char *)c->content);
	if (!t.b.len) {
		buf_release(&t.b);
		return NULL;
	}
	return buf_detach(&t.b, NULL);
}

/* The first element at or under n with class token tok (pre-order). */
static xmlNodePtr find_token(xmlNodePtr n, const char *tok)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_has(n, tok))
			return n;
		xmlNodePtr f = find_token(n->children, tok);
		if (f)
			return f;
	}
	return NULL;
}

static xmlNodePtr find_any(xmlNodePtr n, const char *const *toks)
{
	for (size_t i = 0; toks[i]; i++) {
		xmlNodePtr f = find_token(n, toks[i]);
		if (f)
			return f;
	}
	return NULL;
}

/* ---- dates ---------------------------------------------------------- */

static int word_month(const char *w, size_t n)
{
	static const char *const months[] = {"january", "february", "march", "april", "may",
					     "june", "july", "august", "september", "october",
					     "november", "december"};
	if (n == 4 && strncasecmp(w, "sept", 4) == 0)
		return 9;
	for (int i = 0; i < 12; i++)
		if ((n == 3 || n == strlen(months[i])) && strncasecmp(w, months[i], n) == 0)
			return i + 1;
	return 0;
}

static bool word_weekday(const char *w, size_t n)
{
	static const char *const days[] = {"sunday", "monday", "tuesday", "wednesday",
					   "thursday", "friday", "saturday"};
	for (int i = 0; i < 7; i++)
		if ((n == 3 || n == strlen(days[i])) && strncasecmp(w, days[i], n) == 0)
			return true;
	return false;
}

static void skip_sep(const char **p)
{
	while (**p == ' ' || **p == ',' || **p == '\t' || **p == '\n')
		(*p)++;
}

static size_t word_len(const char *p)
{
	size_t n = 0;
	while (isalpha((unsigned char)p[n]))
		n++;
	return n;
}

static int number(const char **p, int maxdigits, int *out)
{
	int v = 0, n = 0;
	while (isdigit((unsigned char)**p) && n < maxdigits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (!n || isdigit((unsigned char)**p))
		return -1;
	*out = v;
	return n;
}

/*
 * Facebook's English dates: "6 May 2019, 17:32", "May 6, 2019 5:32:00 PM",
 * "Jan 19, 2019, 12:00 PM", "Oct 19, 2025 1:47:55 pm", with an optional
 * weekday first, "at" before the time, seconds, and a "UTC+07:00" offset
 * after it; a date without a time is the first second of that day.
 * 0: a local wall-clock time (*utc false) or an absolute one (*utc true);
 * -1: not such a date (or a local time that does not exist).
 */
static int parse_date(const char *s, int64_t *t, bool *ambiguous, bool *utc)
{
	const char *p = s;
	int day = 0, mon = 0, year = 0, hour = 0, min = 0, sec = 0;
	size_t n;
	*ambiguous = *utc = false;
	skip_sep(&p);
	if ((n = word_len(p)) && word_weekday(p, n) && !word_month(p, n)) {
		p += n;
		skip_sep(&p);
	}
	if (isdigit((unsigned char)*p)) {
		if (number(&p, 2, &day) < 0)
			return -1;
		skip_sep(&p);
		if (!(n = word_len(p)) || !(mon = word_month(p, n)))
			return -1;
		p += n;
		if (*p == '.')
			p++;
	} else {
		if (!(n = word_len(p)) || !(mon = word_month(p, n)))
			return -1;
		p += n;
		if (*p == '.')
			p++;
		skip_sep(&p);
		if (number(&p, 2, &day) < 0)
			return -1;
	}
	skip_sep(&p);
	if (number(&p, 4, &year) != 4)
		return -1;
	skip_sep(&p);
	if (!*p) {
		char d[16];
		snprintf(d, sizeof d, "%04d-%02d-%02d", year, mon, day);
		return timez_parse_local_date(d, t);
	}
	if ((n = word_len(p)) == 2 && strncasecmp(p, "at", 2) == 0) {
		p += 2;
		skip_sep(&p);
	}
	if (number(&p, 2, &hour) < 0 || *p++ != ':' || number(&p, 2, &min) != 2)
		return -1;
	if (*p == ':') {
		p++;
		if (number(&p, 2, &sec) != 2)
			return -1;
	}
	skip_sep(&p);
	if ((n = word_len(p)) == 2 && (strncasecmp(p, "am", 2) == 0 || strncasecmp(p, "pm", 2) == 0)) {
		bool pm = tolower((unsigned char)*p) == 'p';
		if (hour < 1 || hour > 12)
			return -1;
		hour = hour % 12 + (pm ? 12 : 0);
		p += 2;
		skip_sep(&p);
	}
	long off = 0;
	if ((n = word_len(p)) == 3 && (strncasecmp(p, "utc", 3) == 0 || strncasecmp(p, "gmt", 3) == 0)) {
		p += 3;
		*utc = true;
		if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh = 0, om = 0;
			if (number(&p, 2, &oh) < 0)
				return -1;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && number(&p, 2, &om) != 2)
				return -1;
			if (oh > 14 || om > 59)
				return -1;
			off = sign * (oh * 3600L + om * 60L);
		}
		skip_sep(&p);
	}
	if (*p || hour > 23 || min > 59 || sec > 59)
		return -1;
	if (*utc) {
		static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
		if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1] || (mon == 2 && day == 29 && !leap))
			return -1;
		struct tm tm = {0};
		tm.tm_year = year - 1900;
		tm.tm_mon = mon - 1;
		tm.tm_mday = day;
		tm.tm_hour = hour;
		tm.tm_min = min;
		tm.tm_sec = sec;
		*t = (int64_t)timegm(&tm) - off;
		return 0;
	}
	return timez_from_local(year, mon, day, hour, min, sec, t, ambiguous);
}

static void set_time(struct fbh *st, struct item *it, const char *text, int64_t at)
{
	int64_t t;
	bool ambiguous, utc;
	item_set(&it->time_text, text);
	if (parse_date(text, &t, &ambiguous, &utc) < 0) {
		it->time_source = ITEM_TIME_NONE;
		format_warn(st->fc, at, "bad-time", "date '%s' is not an English date and time: kept as text", text);
		if (st->status < CS_WARN)
			st->status = CS_WARN;
		return;
	}
	it->created_at = t;
	it->time_source = utc ? ITEM_TIME_UTC : ITEM_TIME_LOCAL_TEXT;
	if (ambiguous) {
		char buf[TIMEZ_BUFSZ];
		format_warn(st->fc, at, "ambiguous-time",
			    "date '%s' falls in the hour repeated when clocks go back in %s: read as the earlier %s",
			    text, timez_zone(), timez_utc(t, buf));
		if (st->status < CS_WARN)
			st->status = CS_WARN;
	}
}

/* ---- building items ------------------------------------------------- */

static bool is_local_ref(const char *ref)
{
	if (!ref || !*ref || ref[0] == '#' || (ref[0] == '/' && ref[1] == '/'))
		return false;
	for (const char *p = ref; *p && *p != '/'; p++)
		if (*p == ':')
			return false;   /* a scheme: http:, data:, mailto: */
	return true;
}

static bool has_attachment(const struct item *it, const char *ref)
{
	for (size_t i = 0; i < it->n_attachments; i++)
		if (strcmp(it->attachments[i].ref, ref) == 0)
			return true;
	return false;
}

/* Media files the item links to, and the web links in its text. */
static void collect_refs(struct item *it, xmlNodePtr n)
{
	static const struct {
		const char *tag, *attr;
	} refs[] = {{"img", "src"}, {"a", "href"}, {"video", "src"}, {"source", "src"}, {"audio", "src"}};
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || node_has(n, "_2lem") || node_has(n, "_a72d") ||
		    node_has(n, "_a6-o"))
			continue;
		for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
			if (xmlStrcasecmp(n->name, BAD_CAST refs[i].tag) != 0)
				continue;
			xmlChar *v = xmlGetProp(n, BAD_CAST refs[i].attr);
			const char *ref = (const char *)v;
			if (ref && is_local_ref(ref)) {
				if (!has_attachment(it, ref))
					item_add_attachment(it, ref);
			} else if (ref && i == 1 && (starts_with(ref, "http://") || starts_with(ref, "https://"))) {
				strlist_push_unique(&it->urls, ref);
			}
			xmlFree(v);
		}
		collect_refs(it, n->children);
	}
}

/* The outermost bodies under n, their texts joined, repeated ones once. */
static void collect_bodies(const struct fbh *st, xmlNodePtr n, struct strlist *parts)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (node_has(n, "_2pin") || node_has(n, "_a6-p")) {
			char *s = text_of(st, n, true);
			if (s && !strlist_has(parts, s))
				strlist_push_nodup(parts, s);
			else
				free(s);
			continue;
		}
		collect_bodies(st, n->children, parts);
	}
}

static char *join(struct strlist *parts)
{
	if (!parts->n)
		return NULL;
	struct buf b = BUF_INIT(0);
	for (size_t i = 0; i < parts->n; i++) {
		if (i)
			buf_adds(&b, "\n");
		buf_adds(&b, parts->v[i]);
	}
	return buf_detach(&b, NULL);
}

/* "Group: name" in a body: the name. */
static char *group_of(const struct fbh *st, xmlNodePtr root)
{
	xmlNodePtr label = find_token(root->children, "_4mp8");
	if (!label || !label->parent)
		return NULL;
	struct text t = {BUF_INIT(st->cap), false, false};
	for (xmlNodePtr c = label->parent->children; c; c = c->next) {
		if (c == label)
			continue;
		if (c->type == XML_TEXT_NODE && c->content)
			text_add(&t, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			text_collect(&t, c->children, true);
	}
	if (!t.b.len) {
		buf_release(&t.b);
		return NULL;
	}
	return buf_detach(&t.b, NULL);
}

/* Records the item's bytes: the page's own, or the serialised node
 * (unformatted, so it stays as close to the page as libxml2 can write it). */
static void set_span(struct fbh *st, struct item *it, xmlNodePtr n, int64_t start, int64_t end,
		     xmlOutputBufferPtr *dump)
{
	if (start >= st->win_off && end > start && end <= fed_end(st)) {
		item_set_span(it, start, st->win + (start - st->win_off), (size_t)(end - start));
		return;
	}
	*dump = xmlAllocOutputBuffer(NULL);
	if (*dump)
		htmlNodeDumpFormatOutput(*dump, NULL, n, "UTF-8", 0);
	const xmlChar *c = *dump ? xmlOutputBufferGetContent(*dump) : NULL;
	size_t len = *dump ? xmlOutputBufferGetSize(*dump) : 0;
	item_set_span(it, -1, c ? (const void *)c : (const void *)"", c ? len : 0);
	format_warn(st->fc, start >= 0 ? start : st->root_seen, "no-position",
		    "no byte position for an item: its exhibit is the serialised element");
	if (st->status < CS_WARN)
		st->status = CS_WARN;
}

static void emit(struct fbh *st, struct item *it)
{
	if (format_emit(st->fc, it) == CS_FATAL) {
		st->fatal = true;
		xmlStopParser(st->ctxt);
	}
	st->emitted++;
	item_release(it);
}

static const char *const title_toks[] = {"_2lel", "_a6-h", NULL};
static const char *const date_toks[] = {"_2lem", "_a72d", "_a6-o", NULL};

static void item_from_tree(struct fbh *st, int64_t end)
{
	xmlNodePtr root = st->root;
	struct item it;
	item_init(&it);
	it.kind = st->page.kind;
	it.platform = "facebook";
	xmlNodePtr title = find_any(root->children, title_toks);
	xmlNodePtr date = find_any(root->children, date_toks);
	char *title_text = title ? text_of(st, title, false) : NULL;
	struct strlist parts = STRLIST_INIT;
	collect_bodies(st, root->children, &parts);
	char *body = join(&parts);
	strlist_release(&parts);

	switch (it.kind) {
	case ITEM_CONNECTION:
		it.counterpart = title_text;
		title_text = NULL;
		it.text = body;
		body = NULL;
		item_set(&it.relation, st->page.relation);
		break;
	case ITEM_LIKE:
	case ITEM_GROUP:
		if (!body) {
			/* A liked page or a group joined: the title is all there is. */
			it.text = title_text;
			title_text = NULL;
			break;
		}
		/* fall through */
	default:
		it.text = body;
		body = NULL;
		it.context = title_text;
		title_text = NULL;
		break;
	}
	it.group = group_of(st, root);
	if (it.kind == ITEM_GROUP)
		item_set(&it.relation, st->page.relation);
	collect_refs(&it, root->children);
	if (date) {
		char *d = text_of(st, date, false);
		if (d)
			set_time(st, &it, d, st->root_start);
		free(d);
	}
	free(title_text);
	free(body);
	xmlOutputBufferPtr dump = NULL;
	set_span(st, &it, root, st->root_start, end, &dump);
	emit(st, &it);
	if (dump)
		xmlOutputBufferClose(dump);
}

/* ---- profile tables ------------------------------------------------- */

static const struct {
	const char *label, *field;
} profile_labels[] = {
	{"name", "name"}, {"full name", "name"}, {"username", "handle"},
	{"email", "email"}, {"emails", "email"}, {"email address", "email"},
	{"email addresses", "email"}, {"workplace", "work"}, {"workplaces", "work"},
	{"work", "work"}, {"work experience", "work"}, {"employment", "work"},
	{"current city", "location"}, {"location", "location"}, {"home town/city", "hometown"},
	{"hometown", "hometown"}, {"phones", "phone"}, {"phone", "phone"},
	{"phone numbers", "phone"}, {"phone number", "phone"}, {"websites", "website"},
	{"website", "website"}, {"profile", "profile_url"}, {"bio", "bio"}, {"about you", "bio"},
	{"about me", "bio"}, {"intro", "bio"}, {"education", "education"},
	{"previous names", "previous_name"}, {"other names", "other_name"},
	{"birthday", "birthday"}, {"date of birth", "birthday"},
	{"registration date", "registration_date"}, {"date joined", "registration_date"},
};

/* A field name from a row label: the English ones known, else the label. */
static char *field_of(const char *label)
{
	char *f = xstrdup(label ? label : "");
	size_t n = strlen(f);
	while (n && (f[n - 1] == ':' || f[n - 1] == ' '))
		f[--n] = '\0';
	if (!n) {
		free(f);
		return xstrdup("other");
	}
	for (char *p = f; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < sizeof profile_labels / sizeof *profile_labels; i++)
		if (strcmp(f, profile_labels[i].label) == 0) {
			free(f);
			return xstrdup(profile_labels[i].field);
		}
	return f;
}

/* The first email address in s ("a@b.example(Previous Email)"), or NULL. */
static char *email_in(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (!at || at == s)
		return NULL;
	const char *b = at, *e = at + 1;
	while (b > s && !isspace((unsigned char)b[-1]) && b[-1] != '(' && b[-1] != '<' && b[-1] != ',')
		b--;
	while (*e && !isspace((unsigned char)*e) && *e != '(' && *e != ')' && *e != '>' && *e != ',')
		e++;
	if (b == at || e == at + 1 || !memchr(at, '.', (size_t)(e - at)))
		return NULL;
	return xmemdupz(b, (size_t)(e - b));
}

/* The value cells of a row: <li>s if it has them, else the cell. */
static void collect_values(xmlNodePtr n, xmlNodePtr *v, size_t *nv, size_t max)
{
	for (; n && *nv < max; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, BAD_CAST "li") == 0) {
			v[(*nv)++] = n;
			continue;
		}
		collect_values(n->children, v, nv, max);
	}
}

/* "Employer\n1 January 2014 - Present\nTitle" into the account. */
static void add_work(struct account *a, const char *text)
{
	char *copy = xstrdup(text);
	const char *employer = NULL, *title = NULL, *desc = NULL;
	char *start = NULL, *end = NULL;
	char *save = NULL;
	for (char *line = copy; line; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		if (!*line)
			continue;
		if (!employer) {
			employer = line;
			continue;
		}
		bool digits = strpbrk(line, "0123456789") != NULL;
		char *dash = strstr(line, " - ");
		size_t dl = 3;
		if (!dash) {
			dash = strstr(line, " \xE2\x80\x93 ");     /* en dash */
			dl = 5;
		}
		if (digits && !start && (dash || strlen(line) <= 20)) {
			if (dash) {
				*dash = '\0';
				end = dash + dl;
			}
			start = line;
		} else if (!title) {
			title = line;
		} else if (!desc) {
			desc = line;
		}
	}
	if (employer)
		account_add_work(a, employer, title, desc, start, end);
	free(copy);
}

static void account_from_field(struct fbh *st, const char *field, const char *text)
{
	struct account *a = format_account(st->fc);
	if (strcmp(field, "name") == 0) {
		if (!a->display_name)
			a->display_name = xstrdup(text);
	} else if (strcmp(field, "handle") == 0) {
		if (!a->handle)
			a->handle = xstrdup(text);
	} else if (strcmp(field, "email") == 0) {
		char *e = email_in(text);
		if (e)
			strlist_push_unique(&a->emails, e);
		free(e);
	} else if (strcmp(field, "work") == 0) {
		add_work(a, text);
	} else if (strcmp(field, "location") == 0) {
		if (!a->location)
			a->location = xstrdup(text);
	} else if (strcmp(field, "bio") == 0) {
		if (!a->bio)
			a->bio = xstrdup(text);
	} else if (strcmp(field, "website") == 0) {
		strlist_push_unique(&a->websites, text);
	} else if (strcmp(field, "registration_date") == 0) {
		int64_t t;
		bool ambiguous, utc;
		if (!a->created_at && parse_date(text, &t, &ambiguous, &utc) == 0)
			a->created_at = t;
	} else if (strcmp(field, "phone") == 0) {
		size_t n = strcspn(text, "(");
		while (n && text[n - 1] == ' ')
			n--;
		char *p = xmemdupz(text, n);
		strlist_push_unique(&a->phones, p);
		free(p);
	}
}

static void profile_value(struct fbh *st, const char *label, const char *field,
			  char *text, xmlNodePtr span_node)
{
	struct item it;
	item_init(&it);
	it.kind = ITEM_PROFILE;
	it.platform = "facebook";
	it.field = xstrdup(field);
	it.context = label ? xstrdup(label) : NULL;
	it.text = text;
	account_from_field(st, field, text);
	collect_refs(&it, span_node->children);
	struct node_pos *np = pos_of(st, span_node);
	xmlOutputBufferPtr dump = NULL;
	set_span(st, &it, span_node, np ? np->start : -1, np ? np->end : -1, &dump);
	emit(st, &it);
	if (dump)
		xmlOutputBufferClose(dump);
}

static bool label_is_known(const char *field)
{
	for (size_t i = 0; i < sizeof profile_labels / sizeof *profile_labels; i++)
		if (strcmp(field, profile_labels[i].field) == 0)
			return true;
	return false;
}

#define MAX_VALUES 4096

/* One row: a label cell (th, or _a6_q) and its values. */
static void profile_row(struct fbh *st, xmlNodePtr tr)
{
	xmlNodePtr label_cell = NULL, value_cell = NULL;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool is_label = xmlStrcasecmp(c->name, BAD_CAST "th") == 0 || node_has(c, "_a6_q");
		if (!label_cell && (is_label || !value_cell))
			label_cell = c;
		else if (!value_cell)
			value_cell = c;
	}
	if (!label_cell)
		return;
	char *label = value_cell ? text_of(st, label_cell, true) : own_text(st, label_cell);
	xmlNodePtr *values = xmalloc(MAX_VALUES * sizeof *values);
	size_t nv = 0;
	xmlNodePtr from = value_cell ? value_cell : label_cell;
	collect_values(from->children, values, &nv, MAX_VALUES);
	char **texts = xcalloc(nv ? nv : 1, sizeof *texts);
	size_t nonempty = 0, emails = 0;
	if (nv) {
		for (size_t i = 0; i < nv; i++)
			if ((texts[i] = text_of(st, values[i], true))) {
				nonempty++;
				char *e = email_in(texts[i]);
				emails += e != NULL;
				free(e);
			}
	} else {
		texts[0] = value_cell ? text_of(st, value_cell, true) : child_elements_text(st, label_cell);
		values[0] = tr;
		nv = 1;
		if (texts[0]) {
			nonempty = 1;
			char *e = email_in(texts[0]);
			emails += e && strcspn(texts[0], " \n") == strlen(texts[0]);
			free(e);
		}
	}
	char *field = field_of(label);
	if (emails && emails == nonempty && !label_is_known(field)) {
		free(field);
		field = xstrdup("email");
	}
	for (size_t i = 0; i < nv && !st->fatal; i++) {
		if (!texts[i])
			continue;
		profile_value(st, label, field, texts[i], values[i]);
		texts[i] = NULL;
	}
	for (size_t i = 0; i < nv; i++)
		free(texts[i]);
	free(texts);
	free(values);
	free(field);
	free(label);
}

static void profile_rows(struct fbh *st, xmlNodePtr n, size_t *rows)
{
	for (; n && !st->fatal; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, BAD_CAST "tr") == 0) {
			profile_row(st, n);
			(*rows)++;
			continue;
		}
		profile_rows(st, n->children, rows);
	}
}

/* A profile item without a table: its title is the label, its body the value. */
static void profile_item(struct fbh *st, int64_t end)
{
	xmlNodePtr root = st->root;
	xmlNodePtr title = find_any(root->children, title_toks);
	char *label = title ? text_of(st, title, false) : NULL;
	struct strlist parts = STRLIST_INIT;
	collect_bodies(st, root->children, &parts);
	char *text = join(&parts);
	strlist_release(&parts);
	if (!text) {
		free(label);
		return;
	}
	char *field = field_of(label);
	struct node_pos *np = pos_of(st, root);
	if (np)
		np->end = end;
	profile_value(st, label, field, text, root);
	free(field);
	free(label);
}

/* ---- one item done -------------------------------------------------- */

static void finish_capture(struct fbh *st, int64_t end, bool proper)
{
	if (!st->root)
		return;
	if (!proper) {
		if (st->terminating && end >= fed_end(st))
			warn(st, st->root_start, "cut-short", "item cut short by the end of the page");
		else
			warn(st, st->root_start, "bad-element",
			     "item not closed by its end tag: it ends where the next element begins");
	}
	struct node_pos *np = pos_of(st, st->root);
	if (np)
		np->end = end;
	if (st->page.type == PAGE_PROFILE) {
		size_t rows = 0;
		profile_rows(st, st->root, &rows);
		if (!rows && st->root_is_item)
			profile_item(st, end);
		return;
	}
	item_from_tree(st, end);
}

/* ---- the driver ----------------------------------------------------- */

static void window_add(struct fbh *st, const unsigned char *p, size_t n)
{
	st->win = xgrow(st->win, &st->win_cap, st->win_len + n, 1);
	memcpy(st->win + st->win_len, p, n);
	st->win_len += n;
}

/* Drops the bytes nothing can need any more. */
static void window_trim(struct fbh *st)
{
	int64_t keep = st->last_pos;
	if (st->depth > 0 && !st->discard && st->root_start >= 0) {
		if (fed_end(st) - st->root_start > (int64_t)st->cap) {
			capture_discard(st, "item larger than the element limit: skipped");
		} else if (st->root_start < keep) {
			keep = st->root_start;
		}
	}
	if (fed_end(st) - keep > (int64_t)st->cap)
		keep = fed_end(st) - (int64_t)st->cap;
	if (keep <= st->win_off)
		return;
	size_t drop = (size_t)(keep - st->win_off);
	if (drop > st->win_len)
		drop = st->win_len;
	memmove(st->win, st->win + drop, st->win_len - drop);
	st->win_len -= drop;
	st->win_off += (int64_t)drop;
}

/*
 * libxml2 2.9.14's HTML push parser loses its place when a chunk ends inside
 * markup it is waiting to see the end of: the scan index it saved for a
 * start tag's '>' is resumed without its "inside a quoted value" state (so
 * every later quote flips the parity), and the one for a comment's "-->"
 * skips a "--" split by the chunk.  Either way it reads nothing more until
 * the end of the page, holding all of it.  The index is only a cache:
 * dropping it before each chunk while markup is pending makes the parser
 * rescan that markup from its '<' (text waiting for a '<' keeps its cache,
 * so long text is not rescanned).
 */
static void parser_unstick(struct fbh *st)
{
	xmlParserInputPtr in = st->ctxt->input;
	if (in && in->cur && in->cur < in->end && *in->cur == '<')
		st->ctxt->checkIndex = 0;
}

/* The length of the UTF-8 sequence at p (n bytes there): 0 if more bytes
 * could complete it, -1 if it is not UTF-8. */
static int utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	int len;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return -1;
	}
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return 0;
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xBF))
			return -1;
	}
	return len;
}

/*
 * Gives the parser the bytes read since the last call.  A byte that is not
 * UTF-8 is given as '?': libxml2 2.9 would otherwise read the rest of the
 * page as ISO-8859-1, garbling every later item.  One byte for one, so
 * positions are unchanged; the exhibits keep the page's own bytes.  A
 * sequence cut by the end of a read waits for the next one.
 */
static void feed(struct fbh *st, bool final)
{
	size_t avail = (size_t)(fed_end(st) - st->feed_off);
	if (!avail)
		return;         /* an empty entry: no window yet (NULL + 0 is undefined) */
	const unsigned char *src = st->win + (st->feed_off - st->win_off);
	if (!st->bom_checked) {
		if (avail < 3 && !final && memcmp(src, "\xEF\xBB\xBF", avail) == 0)
			return;
		st->bom_checked = true;
		if (avail >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
			/* libxml2 would read the BOM as text; positions count it. */
			st->base = st->last_pos = st->feed_off = 3;
			src += 3;
			avail -= 3;
		}
	}
	size_t i = 0;
	while (i < avail) {
		int l = utf8_seq(src + i, avail - i);
		if (l == 0 && !final)
			break;
		if (l <= 0) {
			if (!st->bad_utf8) {
				st->bad_utf8 = true;
				warn(st, st->feed_off + (int64_t)i, "bad-utf8",
				     "the page has bytes that are not UTF-8: their text is read as '?'");
			}
			st->scratch[i++] = '?';
			continue;
		}
		memcpy(st->scratch + i, src + i, (size_t)l);
		i += (size_t)l;
	}
	if (!i)
		return;
	st->feed_off += (int64_t)i;
	parser_unstick(st);
	htmlParseChunk(st->ctxt, (const char *)st->scratch, (int)i, 0);
}

static bool parser_stopped(const struct fbh *st)
{
	return st->ctxt->instate == XML_PARSER_EOF || st->ctxt->disableSAX;
}

static int parse(struct format_ctx *fc, struct entry_stream *in)
{
	struct fbh st;
	unsigned char *chunk = NULL;
	int rc = CS_OK;
	memset(&st, 0, sizeof st);
	st.fc = fc;
	st.page = classify(format_entry_path(fc));
	if (st.page.type == PAGE_NONE)
		st.page.type = PAGE_ITEMS;      /* called directly: read it as posts */
	st.cap = format_element_cap(fc);
	st.root_start = st.root_seen = -1;

	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;       /* so serror below is used */
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_cdata;
	sax.comment = on_comment;
	sax.processingInstruction = on_pi;
	sax.internalSubset = on_subset;
	sax.serror = on_error;
	st.ctxt = htmlCreatePushParserCtxt(&sax, &st, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
	if (!st.ctxt) {
		format_warn(fc, -1, "bad-page", "cannot start the html parser");
		rc = CS_FAILED;
		goto out;
	}
	/* The pages are UTF-8 whatever their meta says. */
	htmlCtxtUseOptions(st.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			   HTML_PARSE_IGNORE_ENC);

	chunk = xmalloc(READ_CHUNK);
	st.scratch = xmalloc(READ_CHUNK + 8);
	bool failed = false;
	for (;;) {
		ssize_t n = entry_stream_read(in, chunk, READ_CHUNK);
		if (n < 0) {
			format_warn(fc, fed_end(&st), "cut-short", "cannot read the page further: %s",
				    entry_stream_error(in));
			failed = true;
			break;
		}
		if (n == 0)
			break;
		window_add(&st, chunk, (size_t)n);
		feed(&st, false);
		if (st.fatal)
			break;
		if (parser_stopped(&st)) {
			format_warn(fc, cur_pos(&st), "bad-page",
				    "the html parser stopped here: the rest of the page is not read");
			failed = true;
			break;
		}
		window_trim(&st);
	}
	if (!st.fatal)
		feed(&st, true);
	if (!st.fatal) {
		st.terminating = true;
		htmlParseChunk(st.ctxt, NULL, 0, 1);
	}
	if (st.fatal) {
		rc = CS_FATAL;
		goto out;
	}
	if (!st.seen_main && st.emitted == 0 && !failed)
		warn(&st, -1, "not-export-page", "no facebook export content found in the page");
	rc = failed ? CS_FAILED : st.status;
out:
	capture_reset(&st);
	if (st.ctxt)
		htmlFreeParserCtxt(st.ctxt);
	free(st.pos);
	free(st.win);
	free(st.scratch);
	free(chunk);
	return rc;
}

const struct format_ops format_facebook_html = {
	.name = "facebook-html",
	.platform = "facebook",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
};
