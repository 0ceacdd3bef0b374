/*
 * Direct messages: direct-messages.js (one-to-one) and
 * direct-messages-group.js, and their -partN files.
 *
 * One element is one conversation: {"dmConversation": {"conversationId",
 * "messages": [{"messageCreate": {...}}, {"joinConversation": ...}, ...]}},
 * newest message first.  Each messageCreate becomes one ITEM_MESSAGE.
 *
 * Span: every message's offset/length is its conversation element's.  The
 * boundary scanner finds top-level elements only, and finding a message's
 * own bytes inside the element would mean scanning JSON by hand, which the
 * project does not do.  The exhibit therefore holds the whole conversation:
 * original bytes, a superset of the message, which the id locates.
 *
 * Context: the texts of the message just before and just after it in time
 * in the same conversation, earlier first, separated by a blank line (either
 * may be missing).
 */
#include "formats/twitter_int.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/error.h"
#include "scanner/xalloc.h"

/* The messageCreate object of messages[i], or NULL for other events. */
static json_t *message_at(json_t *messages, size_t i)
{
	json_t *m = json_object_get(json_array_get(messages, i), "messageCreate");
	return json_is_object(m) ? m : NULL;
}

/* The nearest message before (step -1) or after (+1) index i. */
static json_t *neighbour(json_t *messages, size_t i, int step)
{
	size_t n = json_array_size(messages);
	for (size_t j = i; step < 0 ? j > 0 : j + 1 < n;) {
		j = step < 0 ? j - 1 : j + 1;
		json_t *m = message_at(messages, j);
		if (m)
			return m;
	}
	return NULL;
}

/* True when the array is newest first, as exports write it: decided by the
 * first and last messages' times, or assumed when they do not say. */
static bool newest_first(json_t *messages)
{
	size_t n = json_array_size(messages);
	const char *first = NULL, *last = NULL;
	for (size_t i = 0; i < n && !first; i++)
		first = twitter_str(message_at(messages, i), "createdAt");
	for (size_t i = n; i > 0 && !last; i--)
		last = twitter_str(message_at(messages, i - 1), "createdAt");
	if (!first || !last)
		return true;
	/* RFC 3339 UTC strings of one exporter compare as their times do. */
	return strcmp(first, last) >= 0;
}

static char *context_of(json_t *earlier, json_t *later)
{
	char *a = earlier ? twitter_decoded(earlier, "text") : NULL;
	char *b = later ? twitter_decoded(later, "text") : NULL;
	char *ctx = NULL;
	if (a && b)
		ctx = xasprintf("%s\n\n%s", a, b);
	else if (a || b)
		ctx = xstrdup(a ? a : b);
	free(a);
	free(b);
	return ctx;
}

static void add_message_media(struct item *it, json_t *msg, const char *dir, bool group)
{
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(msg, "mediaUrls"), i, u) {
		char *base = json_is_string(u) ? twitter_url_basename(json_string_value(u)) : NULL;
		if (!base)
			continue;
		char *ref = xasprintf("%s%s/%s-%s", dir,
				      group ? "direct_messages_group_media" : "direct_messages_media",
				      it->id, base);
		item_add_attachment(it, ref);
		free(ref);
		free(base);
	}
	json_array_foreach(json_object_get(msg, "urls"), i, u) {
		const char *x = twitter_str(u, "expanded");
		if (!x)
			x = twitter_str(u, "expanded_url");
		if (x && *x)
			strlist_push_unique(&it->urls, x);
	}
}

int twitter_dm_element(struct format_ctx *fc, struct twitter_state *st, bool group,
		       const struct json_element *el)
{
	json_t *conv = json_object_get(el->value, "dmConversation");
	json_t *messages = json_object_get(conv, "messages");
	if (!json_is_object(conv) || !json_is_array(messages)) {
		twitter_warn_shape(fc, el, "a direct-message conversation");
		return CS_FAILED;
	}
	const char *conv_id = twitter_str(conv, "conversationId");
	bool rev = newest_first(messages);
	char *dir = twitter_entry_dir(format_entry_path(fc));
	int rc = CS_OK;
	size_t i;
	json_t *m;
	json_array_foreach(messages, i, m) {
		json_t *msg = message_at(messages, i);
		if (!msg)
			continue;       /* joins, leaves, renames: not messages */
		struct item it;
		item_init(&it);
		it.platform = "twitter";
		it.kind = ITEM_MESSAGE;
		it.id = twitter_id(msg, "id");
		it.text = twitter_decoded(msg, "text");
		it.author = twitter_id(msg, "senderId");
		char *recipient = twitter_id(msg, "recipientId");
		if (group || !recipient) {
			it.counterpart = conv_id ? xstrdup(conv_id) : NULL;
			it.group = conv_id && group ? xstrdup(conv_id) : NULL;
			free(recipient);
		} else if (st->account_id && it.author && strcmp(recipient, st->account_id) == 0) {
			/* Received: the other party is the sender. */
			it.counterpart = xstrdup(it.author);
			free(recipient);
		} else {
			it.counterpart = recipient;
		}
		int tr = twitter_time(fc, el, msg, "createdAt", &it.created_at);
		it.time_source = tr == 1 ? ITEM_TIME_UTC : ITEM_TIME_NONE;
		if (tr < 0)
			rc = CS_WARN;
		json_t *before = neighbour(messages, i, -1), *after = neighbour(messages, i, +1);
		it.context = rev ? context_of(after, before) : context_of(before, after);
		if (it.id)
			add_message_media(&it, msg, dir, group);
		json_element_span(el, &it);
		int erc = format_emit(fc, &it);
		item_release(&it);
		if (erc == CS_FATAL) {
			rc = CS_FATAL;
			break;
		}
	}
	free(dir);
	return rc;
}
