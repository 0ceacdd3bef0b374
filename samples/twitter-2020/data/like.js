window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "1280000000000000501",
      "fullText" : "Council offices reopen Monday &amp; parking is free",
      "expandedUrl" : "https://twitter.com/i/web/status/1280000000000000501"
    }
  }
]