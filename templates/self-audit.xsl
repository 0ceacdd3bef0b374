<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.html for a self-audit (scan -\-mode self-audit): addressed to the
  employee checking their own account before they identify as staff.  No
  case header.  Vocabulary of evidence.xml: README.md.
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
       place; 'exhibits' only the articles, inside one root element. -->
  <xsl:param name="exhibit-pass" select="''"/>
  <!-- Declared: the frame reads no exhibit but the self-identifying ones
       and exhibits/@count (templates/README.md); it has no index. -->
  <xsl:param name="exhibit-index" select="''"/>

  <xsl:variable name="E" select="/evidence"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$exhibit-pass = 'exhibits'">
        <div><xsl:apply-templates select="$E/exhibits/exhibit"/></div>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="document"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="document">
    <html lang="en-GB">
      <xsl:call-template name="head">
        <xsl:with-param name="title">Your social-media self-check</xsl:with-param>
      </xsl:call-template>
      <body>
        <header>
          <h1>Your social-media self-check</h1>
          <p>This report looks through the export of your own
            <xsl:value-of select="$E/account/@platform"/> account
            <xsl:if test="$E/account/handle">(<xsl:value-of select="$E/account/handle"/>)</xsl:if>
            against <strong><xsl:value-of select="$E/policy/title"/></strong>, and lists what you may want to
            remove or change before you are identified as a member of staff.</p>
          <p class="notice">These are indicators for you to review, not findings of misconduct. Automated checks miss
            things and flag things wrongly: read each item in context and decide for yourself. If you are unsure,
            ask your manager or HR for advice.</p>
        </header>

        <section id="identity">
          <h2>Do you identify as an employee?</h2>
          <xsl:choose>
            <xsl:when test="$E/account/@self_identified = 'true'">
              <p>Yes: your account shows that you work for the organisation. That is allowed, but it means that
                what you post can be read as coming from a member of staff. These items show it:</p>
              <ul>
                <xsl:for-each select="$E/account/self_identification">
                  <xsl:variable name="id" select="@exhibit"/>
                  <li><a href="#{$id}"><xsl:value-of select="$id"/></a>:
                    <xsl:value-of select="$E/exhibits/exhibit[@id = $id]/finding[@category = 'self_identification'][1]/summary"/></li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p>Nothing found says that you work for the organisation. If you add your job to your profile
                later, everything below will be read in that light.</p>
            </xsl:otherwise>
          </xsl:choose>
        </section>

        <section id="summary">
          <h2>What was found</h2>
          <xsl:variable name="sum" select="$E/summary"/>
          <xsl:choose>
            <xsl:when test="$sum/@findings = 0">
              <p>Nothing in your export was flagged. Well done, but remember the checks are automated.</p>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:value-of select="$sum/@exhibits"/> item(s) may need your attention.</p>
              <table>
                <tr><th>What</th><th class="n">Items</th></tr>
                <xsl:for-each select="$sum/category[@findings &gt; 0]">
                  <tr><td><xsl:call-template name="category-label"><xsl:with-param name="c" select="@name"/></xsl:call-template></td>
                    <td class="n"><xsl:value-of select="@findings"/></td></tr>
                </xsl:for-each>
              </table>
              <h3>When</h3>
              <xsl:call-template name="timeline"/>
            </xsl:otherwise>
          </xsl:choose>
        </section>

        <section id="items">
          <xsl:if test="$E/exhibits/@count &gt; 0">
            <h2>Items to review</h2>
            <xsl:choose>
              <xsl:when test="$exhibit-pass = 'frame'"><xsl:comment>conductscan-exhibits</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="$E/exhibits/exhibit"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
        </section>

        <section id="not-checked" class="section-break">
          <h2>What was not checked</h2>
          <ul>
            <li><xsl:value-of select="$E/not_examined/entries/@count"/> file(s) of the export were not read by any check
              (photos, videos and files the tool does not understand).</li>
            <li><xsl:value-of select="$E/not_examined/media/@count"/> photo(s) or video(s) attached to your posts were not looked at:
              check them yourself.</li>
            <li><xsl:value-of select="$E/not_examined/warnings/@count"/> part(s) of the export could not be read cleanly.</li>
            <xsl:if test="$E/not_examined/out_of_scope/@count &gt; 0">
              <li><xsl:value-of select="$E/not_examined/out_of_scope/@count"/> item(s) were outside the dates or kinds you chose.</li>
            </xsl:if>
          </ul>
        </section>

        <footer>
          <p class="muted">Made by <xsl:value-of select="$E/creator/program"/>
            <xsl:text> </xsl:text><xsl:value-of select="$E/creator/version"/> on
            <xsl:call-template name="utc-time"><xsl:with-param name="t" select="$E/creator/start_time"/></xsl:call-template>.
            Everything was done on this computer: nothing you exported left it. The folder's SHA256SUMS lets you
            check later that these files have not changed (<code>sha256sum -c SHA256SUMS</code>).</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="exhibit">
    <xsl:variable name="it" select="item"/>
    <article class="exhibit {@severity}" id="{@id}">
      <h3>
        <xsl:choose>
          <xsl:when test="$it/@kind = 'post'">Your post</xsl:when>
          <xsl:when test="$it/@kind = 'share'">Something you shared</xsl:when>
          <xsl:when test="$it/@kind = 'comment'">Your comment</xsl:when>
          <xsl:when test="$it/@kind = 'like'">Something you liked</xsl:when>
          <xsl:when test="$it/@kind = 'tag'">Someone you tagged</xsl:when>
          <xsl:when test="$it/@kind = 'connection'">One of your connections</xsl:when>
          <xsl:when test="$it/@kind = 'message'">A message</xsl:when>
          <xsl:when test="$it/@kind = 'profile'">Your profile</xsl:when>
          <xsl:when test="$it/@kind = 'group'">A group you are in</xsl:when>
          <xsl:otherwise><xsl:value-of select="$it/@kind"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$it/local_time">, <xsl:call-template name="local-time"><xsl:with-param name="t" select="$it/local_time"/></xsl:call-template></xsl:if>
        <span class="muted"> (<xsl:value-of select="@id"/>)</span>
      </h3>
      <xsl:if test="$it/text">
        <xsl:call-template name="verbatim"><xsl:with-param name="item" select="$it"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$it/counterpart"><p>With: <xsl:value-of select="$it/counterpart"/></p></xsl:if>
      <xsl:if test="$it/url"><p>Link: <xsl:call-template name="url"><xsl:with-param name="u" select="$it/url"/></xsl:call-template></p></xsl:if>
      <xsl:for-each select="finding">
        <div class="finding">
          <h4><xsl:call-template name="category-label"><xsl:with-param name="c" select="@category"/></xsl:call-template>
            <xsl:text> </xsl:text><xsl:call-template name="severity-badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template></h4>
          <p><xsl:value-of select="summary"/></p>
          <div class="advice"><strong>What to consider: </strong><xsl:call-template name="advice"><xsl:with-param name="c" select="@category"/></xsl:call-template></div>
          <xsl:for-each select="citation">
            <p>The clause it risks (<xsl:value-of select="@policy"/>, <code><xsl:value-of select="@clause"/></code>):</p>
            <blockquote class="clause"><xsl:value-of select="quote"/></blockquote>
          </xsl:for-each>
        </div>
      </xsl:for-each>
    </article>
  </xsl:template>

  <xsl:template name="advice">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'derogatory'">delete it, or reword it so that it does not disparage the organisation, your colleagues or the people it serves.</xsl:when>
      <xsl:when test="$c = 'offensive_language'">delete it: obscene, hateful or discriminatory language breaches the policy whoever it is about.</xsl:when>
      <xsl:when test="$c = 'harassment'">delete it: it could be read as bullying or threatening someone.</xsl:when>
      <xsl:when test="$c = 'confidential'">remove it: it appears to disclose information that is not public.</xsl:when>
      <xsl:when test="$c = 'personal_data'">remove other people's personal details (phone numbers, addresses, ID numbers, dates of birth, email addresses).</xsl:when>
      <xsl:when test="$c = 'political'">check whether your post is politically restricted; if the policy applies to you, remove party-political campaigning.</xsl:when>
      <xsl:when test="$c = 'speaking_for_council'">make clear these are your own views, or remove statements made on the organisation's behalf.</xsl:when>
      <xsl:when test="$c = 'supplier_comment'">remove endorsements or criticism of the organisation's suppliers, contractors or partners.</xsl:when>
      <xsl:when test="$c = 'liked_inappropriate'">unlike or unshare it: liking or sharing content can be read as agreeing with it.</xsl:when>
      <xsl:when test="$c = 'service_user_connection'">think about whether this connection with someone who uses the organisation's services is appropriate, and ask your manager if you are unsure.</xsl:when>
      <xsl:when test="$c = 'missing_disclaimer'">add a line such as “Views are my own” to your profile.</xsl:when>
      <xsl:when test="$c = 'work_email'">remove your work email address from this personal account.</xsl:when>
      <xsl:when test="$c = 'work_time_use'">this was posted during working hours: make sure it was in a break or otherwise allowed.</xsl:when>
      <xsl:when test="$c = 'absence_activity'">this was posted during a recorded absence: be ready to explain it.</xsl:when>
      <xsl:when test="$c = 'self_identification'">nothing to remove: this shows you as an employee, so everything else you post is read in that light.</xsl:when>
      <xsl:otherwise>review it against the clause below, and change or remove it if it breaches it.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
