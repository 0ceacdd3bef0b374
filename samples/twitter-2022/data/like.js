window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "1611111111111111401",
      "fullText" : "Brackenford council tax up again &amp; services down. Disgrace.",
      "expandedUrl" : "https://twitter.com/i/web/status/1611111111111111401"
    }
  },
  {
    "like" : {
      "tweetId" : "1611111111111111402",
      "fullText" : "Lovely morning on the canal towpath",
      "expandedUrl" : "https://twitter.com/i/web/status/1611111111111111402"
    }
  },
  {
    "like" : {
      "tweetId" : "1611111111111111403",
      "fullText" : "Join us at the Brackenford Green Party hustings on Thursday",
      "expandedUrl" : "https://twitter.com/i/web/status/1611111111111111403"
    }
  }
]