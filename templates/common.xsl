<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by report.xsl and self-audit.xsl (xsl:include, read when the
  stylesheet is parsed): the CSS, the document head with its
  Content-Security-Policy, the verbatim text with highlighted matches, the
  timeline chart, and the labels of categories, severities and kinds.

  Rules every template here keeps (see README.md):
  - no script, no event attribute, no external resource: the CSP forbids
    them anyway, and the report must stand alone on a disc;
  - text is only ever written with xsl:value-of or copied text nodes, never
    disable-output-escaping, so a hostile post shows as text;
  - no generate-id(), no current date, no random numbers: the report must be
    byte-identical when the evidence is.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="head">
    <xsl:param name="title"/>
    <head>
      <meta http-equiv="Content-Security-Policy"
            content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"/>
      <meta name="referrer" content="no-referrer"/>
      <meta name="generator">
        <xsl:attribute name="content">
          <xsl:value-of select="/evidence/creator/program"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="/evidence/creator/version"/>
        </xsl:attribute>
      </meta>
      <title><xsl:value-of select="$title"/></title>
      <style><xsl:call-template name="css"/></style>
    </head>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --high: #a3121b; --medium: #b45309;
        --low: #1d4ed8; --info: #4b5563; --mark: #fde68a; }
* { box-sizing: border-box; }
html { font: 11pt/1.45 "DejaVu Serif", Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: .9rem 0 .3rem; }
p { margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono, .hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85em; }
.hash { word-break: break-all; }
.wrap { overflow-wrap: anywhere; word-break: break-word; }
.notice { border: 2px solid var(--ink); padding: .6rem .8rem; margin: 1rem 0; font-weight: bold; }
.muted { color: var(--muted); }
.meta th { width: 13rem; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: .2rem; color: #fff; font-size: .85em;
       font-family: "DejaVu Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: .03em; }
.sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.exhibit { border: 1px solid var(--rule); border-left: 6px solid var(--info); padding: .8rem 1rem; margin: 1.2rem 0; }
.exhibit.high { border-left-color: var(--high); } .exhibit.medium { border-left-color: var(--medium); }
.exhibit.low { border-left-color: var(--low); }
.verbatim { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px dashed var(--rule); background: #fafafa;
            padding: .5rem .7rem; margin: .5rem 0; font-family: "DejaVu Sans", Arial, sans-serif; }
.verbatim mark { background: var(--mark); outline: 1px solid #d4a106; color: inherit; }
.omitted { color: var(--muted); }
.omitted-note { color: var(--muted); font-style: italic; }
.context { white-space: pre-wrap; overflow-wrap: anywhere; color: var(--muted); border-left: 3px solid var(--rule);
           padding-left: .6rem; margin: .4rem 0; }
blockquote.clause { margin: .3rem 0 .3rem 1rem; padding: .2rem .7rem; border-left: 3px solid var(--ink); font-style: italic; }
dl.fields { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem .8rem; margin: .4rem 0; }
dl.fields dt { font-weight: bold; } dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.finding { border-top: 1px solid var(--rule); padding-top: .4rem; margin-top: .6rem; }
.chart { width: 100%; height: auto; border: 1px solid var(--rule); }
.chart .bar { fill: var(--high); } .chart .axis { stroke: var(--ink); stroke-width: 1; }
.chart text { font: 9px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
nav ol { columns: 2; }
.steps li { margin: .2rem 0; }
.advice { background: #f0f7ff; border: 1px solid #bcd3f0; padding: .4rem .7rem; margin: .4rem 0; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .6rem; font-size: .9rem; }

@page {
  size: A4;
  margin: 18mm 15mm 20mm 15mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt "DejaVu Sans", Arial, sans-serif; }
}
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .exhibit { break-before: page; break-inside: auto; border: none; border-left: 4px solid var(--info); }
  .exhibit.high { border-left-color: var(--high); } .exhibit.medium { border-left-color: var(--medium); }
  .exhibit.low { border-left-color: var(--low); }
  .section-break { break-before: page; }
  .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verbatim mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, .finding, blockquote { break-inside: avoid; }
}
</xsl:text>
  </xsl:template>

  <!-- The item's text, matched segments in <mark>.  Whitespace is kept by
       the CSS (pre-wrap), so nothing is added between segments. -->
  <xsl:template name="verbatim">
    <xsl:param name="item"/>
    <div class="verbatim"><xsl:for-each select="$item/text/seg"><xsl:choose><xsl:when test="@match = '1'"><mark><xsl:value-of select="."/></mark></xsl:when><xsl:otherwise><xsl:value-of select="."/></xsl:otherwise></xsl:choose></xsl:for-each><xsl:if test="$item/text/@omitted"><span class="omitted"> …</span></xsl:if></div>
    <xsl:call-template name="omitted"><xsl:with-param name="n" select="$item/text"/><xsl:with-param name="what" select="'this text'"/></xsl:call-template>
  </xsl:template>

  <!-- A string the report shortened (@omitted: bytes left out; only in the
       copy of evidence.xml the report is made from): say so, and where
       the whole of it is. -->
  <xsl:template name="omitted">
    <xsl:param name="n"/>
    <xsl:param name="what"/>
    <xsl:if test="$n/@omitted">
      <p class="omitted-note">Shortened here: <xsl:value-of select="$n/@omitted"/> more bytes of <xsl:value-of select="$what"/> are not shown.
        The whole text is in findings.json and evidence.xml; the original bytes are <code><xsl:value-of select="$n/ancestor::exhibit/@file"/></code>.</p>
    </xsl:if>
  </xsl:template>

  <!-- "2023-01-10T10:30:00+00:00" as "2023-01-10 10:30:00 (UTC+00:00)". -->
  <xsl:template name="local-time">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="string-length($t) &gt;= 25">
        <xsl:value-of select="substring($t, 1, 10)"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($t, 12, 8)"/>
        <xsl:text> (UTC</xsl:text>
        <xsl:value-of select="substring($t, 20)"/>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="utc-time">
    <xsl:param name="t"/>
    <xsl:value-of select="translate($t, 'TZ', ' ')"/>
    <xsl:if test="$t != ''"><xsl:text> UTC</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template name="severity-badge">
    <xsl:param name="s"/>
    <span class="sev sev-{$s}"><xsl:value-of select="$s"/></span>
  </xsl:template>

  <xsl:template name="category-label">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'derogatory'">Derogatory remarks</xsl:when>
      <xsl:when test="$c = 'offensive_language'">Offensive language</xsl:when>
      <xsl:when test="$c = 'harassment'">Harassment or bullying</xsl:when>
      <xsl:when test="$c = 'confidential'">Confidential information</xsl:when>
      <xsl:when test="$c = 'personal_data'">Other people's personal data</xsl:when>
      <xsl:when test="$c = 'political'">Political activity</xsl:when>
      <xsl:when test="$c = 'speaking_for_council'">Speaking for the council</xsl:when>
      <xsl:when test="$c = 'supplier_comment'">Comment on suppliers or partners</xsl:when>
      <xsl:when test="$c = 'liked_inappropriate'">Liked or shared inappropriate content</xsl:when>
      <xsl:when test="$c = 'service_user_connection'">Connection with a service user</xsl:when>
      <xsl:when test="$c = 'missing_disclaimer'">No personal-views disclaimer</xsl:when>
      <xsl:when test="$c = 'work_email'">Work email on a personal account</xsl:when>
      <xsl:when test="$c = 'work_time_use'">Activity in working hours</xsl:when>
      <xsl:when test="$c = 'absence_activity'">Activity during an absence</xsl:when>
      <xsl:when test="$c = 'self_identification'">Identifies as an employee</xsl:when>
      <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="month-label">
    <xsl:param name="key"/>
    <xsl:variable name="m" select="number(substring($key, 6, 2))"/>
    <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec', ($m - 1) * 3 + 1, 3)"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($key, 1, 4)"/>
  </xsl:template>

  <!-- Findings by month as an inline SVG bar chart (no script, no image
       file).  Bars scale to the busiest month; a month label under every
       bar while they fit, else under each January. -->
  <xsl:template name="timeline">
    <xsl:variable name="tl" select="/evidence/timeline"/>
    <xsl:variable name="n" select="count($tl/month)"/>
    <xsl:choose>
      <xsl:when test="$n = 0">
        <p class="muted">No dated finding to chart.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="w" select="640"/>
        <xsl:variable name="slot" select="$w div $n"/>
        <xsl:variable name="max" select="$tl/@max"/>
        <svg class="chart" viewBox="0 0 760 205" role="img" aria-label="Findings by month">
          <line class="axis" x1="40" y1="150" x2="690" y2="150"/>
          <line class="axis" x1="40" y1="20" x2="40" y2="150"/>
          <text x="36" y="24" text-anchor="end"><xsl:value-of select="$max"/></text>
          <text x="36" y="150" text-anchor="end">0</text>
          <xsl:for-each select="$tl/month">
            <xsl:variable name="i" select="position() - 1"/>
            <xsl:variable name="h" select="round(@findings * 125 div $max)"/>
            <xsl:variable name="x" select="45 + $i * $slot"/>
            <xsl:variable name="lx" select="format-number($x + $slot * 0.4, '0.##')"/>
            <xsl:if test="@findings &gt; 0">
              <rect class="bar" x="{format-number($x, '0.##')}" y="{150 - $h}"
                    width="{format-number(($slot * 0.8), '0.##')}" height="{$h}">
                <title><xsl:call-template name="month-label"><xsl:with-param name="key" select="@key"/></xsl:call-template>: <xsl:value-of select="@findings"/></title>
              </rect>
            </xsl:if>
            <xsl:if test="$n &lt;= 24 or position() = 1 or substring(@key, 6, 2) = '01' or $tl/@continuous = 'false'">
              <text x="{$lx}" y="160" text-anchor="start" transform="rotate(45 {$lx} 160)">
                <xsl:call-template name="month-label"><xsl:with-param name="key" select="@key"/></xsl:call-template>
              </text>
            </xsl:if>
          </xsl:for-each>
        </svg>
        <xsl:if test="$tl/@continuous = 'false'">
          <p class="muted">The findings span more than ten years: only months with findings are shown.</p>
        </xsl:if>
        <xsl:if test="$tl/@undated &gt; 0">
          <p class="muted"><xsl:value-of select="$tl/@undated"/> finding(s) on undated items are not charted.</p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A URL as text, and as a link only for http(s): never a javascript: or
       data: link from a hostile export. -->
  <xsl:template name="url">
    <xsl:param name="u"/>
    <xsl:choose>
      <xsl:when test="starts-with($u, 'https://') or starts-with($u, 'http://')">
        <a href="{$u}" rel="noreferrer noopener nofollow" class="wrap"><xsl:value-of select="$u"/></a>
      </xsl:when>
      <xsl:otherwise><span class="wrap"><xsl:value-of select="$u"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="statement">
    <p class="notice">Flags in this report are indicators for a person to review. They are not findings of
      misconduct: each item must be read in full and in context, and the account holder given the chance to
      explain it, before any conclusion is drawn.</p>
  </xsl:template>

</xsl:stylesheet>
