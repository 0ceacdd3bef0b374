window.YTD.like.part0 = [ {
  "like" : {
    "tweetId" : "1130000000000000501",
    "fullText" : "Local Plan consultation &amp; drop-in sessions"
  }
} ]