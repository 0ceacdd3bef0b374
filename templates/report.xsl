<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.html for an investigation: the hearing-bundle report, made from
  evidence.xml (vocabulary: README.md).  Parameter: evidence-sha256, the
  SHA-256 of the evidence.xml it is made from.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="seg match quote text context"/>

  <xsl:param name="evidence-sha256" select="''"/>
  <!-- conductscan makes the report in parts when the stylesheet declares
       this (templates/README.md): '' the whole report; 'frame' all but
       the exhibits' articles, a comment conductscan-exhibits in their
       place; 'exhibits' only the articles, inside one root element;
       'index' only the index's rows, inside one root element. -->
  <xsl:param name="exhibit-pass" select="''"/>
  <!-- Declared: the frame reads no exhibit but the self-identifying ones
       and exhibits/@count, and writes a comment conductscan-index where
       the index's rows go (templates/README.md). -->
  <xsl:param name="exhibit-index" select="''"/>

  <xsl:variable name="E" select="/evidence"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$exhibit-pass = 'exhibits'">
        <div><xsl:apply-templates select="$E/exhibits/exhibit"/></div>
      </xsl:when>
      <xsl:when test="$exhibit-pass = 'index'">
        <table><xsl:apply-templates select="$E/exhibits/exhibit" mode="index"/></table>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="document"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="document">
    <html lang="en-GB">
      <xsl:call-template name="head">
        <xsl:with-param name="title">
          <xsl:text>Social-media evidence report</xsl:text>
          <xsl:if test="$E/case/reference != ''">
            <xsl:text> – </xsl:text><xsl:value-of select="$E/case/reference"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <body>
        <xsl:call-template name="case-header"/>
        <xsl:call-template name="contents"/>
        <xsl:call-template name="subject"/>
        <xsl:call-template name="summary"/>
        <xsl:call-template name="index"/>
        <xsl:call-template name="exhibits"/>
        <xsl:call-template name="not-examined"/>
        <xsl:call-template name="custody"/>
        <footer>
          <xsl:call-template name="statement"/>
          <p class="muted">Made by <xsl:value-of select="$E/creator/program"/>
            <xsl:text> </xsl:text><xsl:value-of select="$E/creator/version"/>
            from evidence.xml (SHA-256 <span class="hash"><xsl:value-of select="$evidence-sha256"/></span>).</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- ===== case header and scope ===== -->
  <xsl:template name="case-header">
    <header>
      <h1>Social-media evidence report</h1>
      <xsl:call-template name="statement"/>
      <table class="meta">
        <tr><th>Case reference</th><td class="wrap"><xsl:value-of select="$E/case/reference"/></td></tr>
        <tr><th>Investigating officer</th><td class="wrap"><xsl:value-of select="$E/case/investigator"/></td></tr>
        <tr><th>Subject</th><td class="wrap"><xsl:value-of select="$E/case/subject"/></td></tr>
        <tr><th>Account</th><td class="wrap">
          <xsl:value-of select="$E/account/handle"/>
          <xsl:if test="$E/account/display_name"> (<xsl:value-of select="$E/account/display_name"/>)</xsl:if>
          <xsl:if test="$E/account/@platform"> on <xsl:value-of select="$E/account/@platform"/></xsl:if>
        </td></tr>
        <tr><th>Policy applied</th><td class="wrap"><xsl:value-of select="$E/policy/title"/>
          (<code><xsl:value-of select="$E/policy/@id"/></code>)</td></tr>
        <xsl:if test="$E/org">
          <tr><th>Organisation profile</th><td class="wrap"><xsl:value-of select="$E/org/name"/></td></tr>
        </xsl:if>
        <tr><th>Scan started</th><td><xsl:call-template name="utc-time"><xsl:with-param name="t" select="$E/creator/start_time"/></xsl:call-template></td></tr>
        <tr><th>Local times shown in</th><td><xsl:value-of select="$E/creator/timezone"/></td></tr>
      </table>
      <h2 id="scope">Scope</h2>
      <xsl:call-template name="scope"/>
    </header>
  </xsl:template>

  <xsl:template name="scope">
    <xsl:variable name="s" select="$E/scope"/>
    <xsl:choose>
      <xsl:when test="$s/@all = 'true'">
        <p>Every item of the export was examined: no date or kind restriction was applied.</p>
      </xsl:when>
      <xsl:otherwise>
        <p>The examination was limited, for proportionality, to
          <xsl:choose>
            <xsl:when test="$s/kind">items of kind <strong><xsl:for-each select="$s/kind"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each></strong></xsl:when>
            <xsl:otherwise>items of every kind</xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$s/from"> dated from <strong><xsl:call-template name="local-time"><xsl:with-param name="t" select="$s/from/@local"/></xsl:call-template></strong></xsl:if>
          <xsl:if test="$s/to"> up to <strong><xsl:call-template name="local-time"><xsl:with-param name="t" select="$s/to/@local"/></xsl:call-template></strong></xsl:if>.
          Items outside the scope were counted but not judged
          (<xsl:value-of select="$E/counts/@out_of_scope"/> of <xsl:value-of select="$E/counts/@read"/>).</p>
      </xsl:otherwise>
    </xsl:choose>
    <table>
      <tr><th>Kind</th><th class="n">Items read</th><th class="n">Out of scope</th></tr>
      <xsl:for-each select="$E/counts/count[@read &gt; 0]">
        <tr><td><xsl:value-of select="@kind"/></td><td class="n"><xsl:value-of select="@read"/></td>
          <td class="n"><xsl:value-of select="@out_of_scope"/></td></tr>
      </xsl:for-each>
      <tr><th>All</th><th class="n"><xsl:value-of select="$E/counts/@read"/></th>
        <th class="n"><xsl:value-of select="$E/counts/@out_of_scope"/></th></tr>
    </table>
  </xsl:template>

  <xsl:template name="contents">
    <nav>
      <h2>Contents</h2>
      <ol>
        <li><a href="#subject">Subject and self-identification</a></li>
        <li><a href="#summary">Summary</a></li>
        <li><a href="#index">Index of exhibits</a></li>
        <li><a href="#exhibits">Exhibits</a></li>
        <li><a href="#not-examined">Not examined</a></li>
        <li><a href="#custody">Chain of custody and verification</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- ===== subject ===== -->
  <xsl:template name="subject">
    <section id="subject">
      <h2>Subject and self-identification</h2>
      <xsl:variable name="a" select="$E/account"/>
      <dl class="fields">
        <xsl:if test="$a/handle"><dt>Handle</dt><dd><xsl:value-of select="$a/handle"/></dd></xsl:if>
        <xsl:if test="$a/display_name"><dt>Display name</dt><dd><xsl:value-of select="$a/display_name"/></dd></xsl:if>
        <xsl:if test="$a/bio"><dt>Bio</dt><dd class="context"><xsl:value-of select="$a/bio"/></dd></xsl:if>
        <xsl:if test="$a/location"><dt>Location</dt><dd><xsl:value-of select="$a/location"/></dd></xsl:if>
        <xsl:for-each select="$a/email"><dt>Email</dt><dd><xsl:value-of select="."/></dd></xsl:for-each>
        <xsl:for-each select="$a/website"><dt>Website</dt><dd><xsl:value-of select="."/></dd></xsl:for-each>
        <xsl:for-each select="$a/work">
          <dt>Work</dt>
          <dd><xsl:value-of select="title"/><xsl:if test="title and employer">, </xsl:if><xsl:value-of select="employer"/>
            <xsl:if test="start or end"> (<xsl:value-of select="start"/>–<xsl:value-of select="end"/>)</xsl:if></dd>
        </xsl:for-each>
      </dl>
      <xsl:choose>
        <xsl:when test="$a/@self_identified = 'true'">
          <p><strong>The account holder identifies as an employee.</strong> The evidence for this:</p>
          <ul>
            <xsl:for-each select="$a/self_identification">
              <xsl:variable name="id" select="@exhibit"/>
              <li><a href="#{$id}">Exhibit <xsl:value-of select="$id"/></a>:
                <xsl:value-of select="$E/exhibits/exhibit[@id = $id]/finding[@category = 'self_identification'][1]/summary"/></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p>No evidence was found that the account holder identifies as an employee. Policies that apply
            only when the employee is identifiable should be weighed with that in mind.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ===== summary ===== -->
  <xsl:template name="summary">
    <section id="summary" class="section-break">
      <h2>Summary</h2>
      <xsl:variable name="sum" select="$E/summary"/>
      <p><xsl:value-of select="$sum/@findings"/> flag(s) on <xsl:value-of select="$sum/@exhibits"/> exhibit(s).</p>
      <xsl:if test="$sum/@findings &gt; 0">
        <table>
          <tr><th>Category</th><th class="n">High</th><th class="n">Medium</th><th class="n">Low</th><th class="n">Info</th><th class="n">All</th></tr>
          <xsl:for-each select="$sum/category[@findings &gt; 0]">
            <tr>
              <td><xsl:call-template name="category-label"><xsl:with-param name="c" select="@name"/></xsl:call-template></td>
              <td class="n"><xsl:value-of select="@high"/></td><td class="n"><xsl:value-of select="@medium"/></td>
              <td class="n"><xsl:value-of select="@low"/></td><td class="n"><xsl:value-of select="@info"/></td>
              <td class="n"><xsl:value-of select="@findings"/></td>
            </tr>
          </xsl:for-each>
          <tr><th>All</th>
            <th class="n"><xsl:value-of select="$sum/severity[@name = 'high']/@findings"/></th>
            <th class="n"><xsl:value-of select="$sum/severity[@name = 'medium']/@findings"/></th>
            <th class="n"><xsl:value-of select="$sum/severity[@name = 'low']/@findings"/></th>
            <th class="n"><xsl:value-of select="$sum/severity[@name = 'info']/@findings"/></th>
            <th class="n"><xsl:value-of select="$sum/@findings"/></th></tr>
        </table>
        <h3>Flags by month</h3>
        <xsl:call-template name="timeline"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ===== index ===== -->
  <xsl:template name="index">
    <section id="index">
      <h2>Index of exhibits</h2>
      <xsl:choose>
        <xsl:when test="$E/exhibits/@count &gt; 0">
          <table>
            <tr><th>Exhibit</th><th>Date (local)</th><th>Kind</th><th>Flags</th><th>Severity</th></tr>
            <xsl:choose>
              <xsl:when test="$exhibit-pass = 'frame'"><xsl:comment>conductscan-index</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="$E/exhibits/exhibit" mode="index"/></xsl:otherwise>
            </xsl:choose>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No item was flagged.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="exhibit" mode="index">
    <tr>
      <td><a href="#{@id}"><xsl:value-of select="@id"/></a></td>
      <td><xsl:call-template name="local-time"><xsl:with-param name="t" select="item/local_time"/></xsl:call-template>
        <xsl:if test="not(item/local_time)"><span class="muted">undated</span></xsl:if></td>
      <td><xsl:value-of select="item/@kind"/></td>
      <td><xsl:for-each select="finding"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:call-template name="category-label"><xsl:with-param name="c" select="@category"/></xsl:call-template></xsl:for-each></td>
      <td><xsl:if test="@severity"><xsl:call-template name="severity-badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template></xsl:if></td>
    </tr>
  </xsl:template>

  <!-- ===== exhibits ===== -->
  <xsl:template name="exhibits">
    <section id="exhibits">
      <h2>Exhibits</h2>
      <p class="muted">In chronological order. Each exhibit is one item of the export; its original bytes are in
        the exhibit file named below, and every flag raised on it is listed with it.</p>
      <xsl:choose>
        <xsl:when test="$exhibit-pass = 'frame'"><xsl:comment>conductscan-exhibits</xsl:comment></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$E/exhibits/exhibit"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="exhibit">
    <xsl:variable name="it" select="item"/>
    <article class="exhibit {@severity}" id="{@id}">
      <h3>Exhibit <xsl:value-of select="@id"/> — <xsl:value-of select="$it/@kind"/>
        <xsl:text> </xsl:text>
        <xsl:if test="@severity"><xsl:call-template name="severity-badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template></xsl:if></h3>
      <dl class="fields">
        <dt>Platform</dt><dd><xsl:value-of select="$it/@platform"/><xsl:if test="$it/id"> · id <code><xsl:value-of select="$it/id"/></code></xsl:if></dd>
        <dt>Local time</dt><dd>
          <xsl:choose>
            <xsl:when test="$it/local_time"><xsl:call-template name="local-time"><xsl:with-param name="t" select="$it/local_time"/></xsl:call-template></xsl:when>
            <xsl:otherwise><span class="muted">the export gives no time</span></xsl:otherwise>
          </xsl:choose></dd>
        <xsl:if test="$it/created_at"><dt>UTC</dt><dd><xsl:call-template name="utc-time"><xsl:with-param name="t" select="$it/created_at"/></xsl:call-template></dd></xsl:if>
        <xsl:if test="$it/time_source = 'local-text'">
          <dt>Date as exported</dt><dd>“<xsl:value-of select="$it/time_text"/>” (a local date read in <xsl:value-of select="$E/creator/timezone"/>)</dd>
        </xsl:if>
        <xsl:if test="$it/author"><dt>Author</dt><dd><xsl:value-of select="$it/author"/></dd></xsl:if>
        <xsl:if test="$it/counterpart"><dt>Other party</dt><dd><xsl:value-of select="$it/counterpart"/><xsl:if test="$it/relation"> (<xsl:value-of select="$it/relation"/>)</xsl:if></dd></xsl:if>
        <xsl:if test="$it/field"><dt>Profile field</dt><dd><xsl:value-of select="$it/field"/></dd></xsl:if>
        <xsl:if test="$it/group"><dt>Group</dt><dd><xsl:value-of select="$it/group"/></dd></xsl:if>
        <xsl:if test="$it/reaction"><dt>Reaction</dt><dd><xsl:value-of select="$it/reaction"/></dd></xsl:if>
        <xsl:if test="$it/in_reply_to or $it/in_reply_to_user"><dt>In reply to</dt><dd><xsl:value-of select="$it/in_reply_to_user"/><xsl:text> </xsl:text><xsl:value-of select="$it/in_reply_to"/></dd></xsl:if>
        <xsl:if test="$it/tagged"><dt>Tagged</dt><dd><xsl:for-each select="$it/tagged"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each></dd></xsl:if>
        <xsl:if test="$it/@deleted = 'true'"><dt>Deleted</dt><dd>yes<xsl:if test="$it/deleted_at">, <xsl:call-template name="utc-time"><xsl:with-param name="t" select="$it/deleted_at"/></xsl:call-template></xsl:if></dd></xsl:if>
        <xsl:if test="$it/url"><dt>URL</dt><dd><xsl:call-template name="url"><xsl:with-param name="u" select="$it/url"/></xsl:call-template></dd></xsl:if>
      </dl>
      <xsl:if test="$it/text">
        <h4>Verbatim text</h4>
        <xsl:call-template name="verbatim"><xsl:with-param name="item" select="$it"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$it/context">
        <h4>Context</h4>
        <div class="context"><xsl:value-of select="$it/context"/><xsl:if test="$it/context/@omitted"> …</xsl:if></div>
        <xsl:call-template name="omitted"><xsl:with-param name="n" select="$it/context"/><xsl:with-param name="what" select="'the context'"/></xsl:call-template>
      </xsl:if>
      <xsl:for-each select="finding">
        <div class="finding">
          <h4><xsl:call-template name="category-label"><xsl:with-param name="c" select="@category"/></xsl:call-template>
            <xsl:text> </xsl:text><xsl:call-template name="severity-badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
            <span class="muted"> rule <code><xsl:value-of select="@rule"/></code></span></h4>
          <p><xsl:value-of select="summary"/></p>
          <xsl:if test="match">
            <p>Matched: <xsl:for-each select="match"><xsl:if test="position() &gt; 1">, </xsl:if>“<mark><xsl:value-of select="."/></mark><xsl:if test="@omitted"> … (<xsl:value-of select="@omitted"/> more bytes)</xsl:if>” <span class="muted">(bytes <xsl:value-of select="@start"/>–<xsl:value-of select="@end"/>)</span></xsl:for-each>
              <xsl:if test="@matches_omitted &gt; 0"> and <xsl:value-of select="@matches_omitted"/> more</xsl:if></p>
          </xsl:if>
          <xsl:for-each select="citation">
            <p>Policy <strong><xsl:value-of select="@policy"/></strong>, clause <code><xsl:value-of select="@clause"/></code>
              <xsl:if test="@section != ''"> (<xsl:value-of select="@section"/>)</xsl:if>:</p>
            <blockquote class="clause"><xsl:value-of select="quote"/></blockquote>
          </xsl:for-each>
        </div>
      </xsl:for-each>
      <xsl:if test="$it/attachment">
        <h4>Attached media (copied, not analysed)</h4>
        <ul>
          <xsl:for-each select="$it/attachment">
            <li><xsl:choose>
                <xsl:when test="@file"><code><xsl:value-of select="@file"/></code> from <code class="wrap"><xsl:value-of select="entry"/></code>,
                  SHA-256 <span class="hash"><xsl:value-of select="hashdigest"/></span></xsl:when>
                <xsl:otherwise><code class="wrap"><xsl:value-of select="ref"/></code>: <span class="muted">not found in the export</span></xsl:otherwise>
              </xsl:choose></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <h4>Source</h4>
      <dl class="fields">
        <dt>Input</dt><dd><code class="wrap"><xsl:value-of select="$it/provenance/source"/></code></dd>
        <dt>Entry</dt><dd><code class="wrap"><xsl:value-of select="$it/provenance/entry"/></code></dd>
        <dt>Byte span</dt><dd><xsl:choose>
          <xsl:when test="$it/provenance/offset"><xsl:value-of select="$it/provenance/offset"/> to <xsl:value-of select="$it/provenance/offset + $it/provenance/length"/> (<xsl:value-of select="$it/provenance/length"/> bytes)</xsl:when>
          <xsl:otherwise><span class="muted">no byte position could be had: the hash is of the element as re-serialised</span></xsl:otherwise></xsl:choose></dd>
        <dt>SHA-256</dt><dd class="hash"><xsl:value-of select="$it/provenance/hashdigest"/></dd>
        <dt>Exhibit file</dt><dd><code><xsl:value-of select="@file"/></code></dd>
      </dl>
    </article>
  </xsl:template>

  <!-- ===== not examined ===== -->
  <xsl:template name="not-examined">
    <section id="not-examined" class="section-break">
      <h2>Not examined</h2>
      <xsl:variable name="ne" select="$E/not_examined"/>
      <p>Automated checks cover only what a parser read. The following was not judged, and a person may need
        to look at it.</p>
      <h3>Entries no parser read (<xsl:value-of select="$ne/entries/@count"/>)</h3>
      <xsl:choose>
        <xsl:when test="$ne/entries/entry">
          <table>
            <tr><th>Entry</th><th>Why</th><th>Type</th><th class="n">Bytes</th></tr>
            <xsl:for-each select="$ne/entries/entry[position() &lt;= 300]">
              <tr><td class="wrap"><code><xsl:value-of select="."/></code></td>
                <td><xsl:choose>
                  <xsl:when test="@reason = 'no-parser'">no parser claims it</xsl:when>
                  <xsl:when test="@reason = 'not-read'">could not be read</xsl:when>
                  <xsl:when test="@reason = 'link'">a link (never followed)</xsl:when>
                  <xsl:otherwise><xsl:value-of select="@reason"/></xsl:otherwise></xsl:choose></td>
                <td><xsl:value-of select="@mime"/></td><td class="n"><xsl:value-of select="@size"/></td></tr>
            </xsl:for-each>
          </table>
          <xsl:if test="$ne/entries/@count &gt; 300">
            <p class="muted">… and <xsl:value-of select="$ne/entries/@count - 300"/> more, listed in evidence.xml and manifest.csv.</p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise><p>None: every entry was read by a parser.</p></xsl:otherwise>
      </xsl:choose>
      <h3>Skipped or damaged elements (<xsl:value-of select="$ne/warnings/@count"/>)</h3>
      <xsl:choose>
        <xsl:when test="$ne/warnings/warning">
          <table>
            <tr><th>Where</th><th>Code</th><th>What</th></tr>
            <xsl:for-each select="$ne/warnings/warning">
              <tr><td class="wrap"><code><xsl:value-of select="@entry"/></code><xsl:if test="@offset"> @<xsl:value-of select="@offset"/></xsl:if></td>
                <td><code><xsl:value-of select="@code"/></code></td><td class="wrap"><xsl:value-of select="."/></td></tr>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>None.</p></xsl:otherwise>
      </xsl:choose>
      <h3>Media not analysed (<xsl:value-of select="$ne/media/@count"/>)</h3>
      <p>Images and videos attached to exhibits are copied into the bundle but their content is not analysed;
        media not attached to an exhibit is among the entries above.</p>
      <h3>Items outside the scope (<xsl:value-of select="$ne/out_of_scope/@count"/>)</h3>
      <xsl:choose>
        <xsl:when test="$ne/out_of_scope/kind">
          <ul><xsl:for-each select="$ne/out_of_scope/kind"><li><xsl:value-of select="@name"/>: <xsl:value-of select="@count"/></li></xsl:for-each></ul>
        </xsl:when>
        <xsl:otherwise><p>None.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ===== chain of custody ===== -->
  <xsl:template name="custody">
    <section id="custody" class="section-break">
      <h2>Chain of custody and verification</h2>
      <p>The export was read without being changed: inputs were opened read-only and every entry was hashed as
        it was read. Anyone with the same inputs and the same version of the tool can repeat the scan and
        obtain the same result.</p>
      <h3>Inputs</h3>
      <table>
        <tr><th>Input</th><th>Type</th><th class="n">Bytes</th><th>SHA-256</th></tr>
        <xsl:for-each select="$E/source">
          <tr><td class="wrap"><code><xsl:value-of select="filename"/></code><br/>
              <span class="muted"><xsl:value-of select="@platform"/><xsl:text> </xsl:text><xsl:value-of select="@layout"/>, <xsl:value-of select="@entries"/> entries</span></td>
            <td><xsl:value-of select="@type"/></td><td class="n"><xsl:value-of select="filesize"/></td>
            <td class="hash"><xsl:value-of select="hashdigest"/></td></tr>
        </xsl:for-each>
      </table>
      <h3>The run</h3>
      <dl class="fields">
        <dt>Tool</dt><dd><xsl:value-of select="$E/creator/program"/><xsl:text> </xsl:text><xsl:value-of select="$E/creator/version"/></dd>
        <dt>Command</dt><dd><code class="wrap"><xsl:value-of select="$E/creator/command_line"/></code></dd>
        <dt>Started</dt><dd><xsl:call-template name="utc-time"><xsl:with-param name="t" select="$E/creator/start_time"/></xsl:call-template></dd>
        <dt>Finished</dt><dd><xsl:call-template name="utc-time"><xsl:with-param name="t" select="$E/creator/end_time"/></xsl:call-template></dd>
        <dt>Policy pack</dt><dd><code><xsl:value-of select="$E/policy/@id"/></code>, SHA-256 <span class="hash"><xsl:value-of select="$E/policy/@sha256"/></span></dd>
        <xsl:if test="$E/org"><dt>Organisation profile</dt><dd>SHA-256 <span class="hash"><xsl:value-of select="$E/org/@sha256"/></span></dd></xsl:if>
        <dt>evidence.xml</dt><dd>SHA-256 <span class="hash"><xsl:value-of select="$evidence-sha256"/></span></dd>
      </dl>
      <h3>How to check this bundle</h3>
      <ol class="steps">
        <li>In the bundle folder run <code>sha256sum -c SHA256SUMS</code>: every file must report <code>OK</code>.
          Or run <code>conductscan verify BUNDLE</code>, which also reports files added to the bundle.</li>
        <li>Compare the <strong>seal</strong>, the SHA-256 of the file SHA256SUMS (<code>sha256sum SHA256SUMS</code>),
          with the seal printed when the scan finished and recorded in the investigator's notes.</li>
        <li>To check the inputs too, run <code>conductscan verify BUNDLE INPUT...</code>: each input is hashed again
          and matched with the hashes above.</li>
      </ol>
      <p><strong>Why the seal matters.</strong> SHA256SUMS proves that no file changed since it was written, but
        someone who edits a file could write its new hash into SHA256SUMS as well. The seal cannot be written
        into the bundle it seals, so it is kept apart: if it still matches the one noted at scan time, neither the
        files nor their list has changed.</p>
    </section>
  </xsl:template>

</xsl:stylesheet>
