window.YTD.tweet.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "37"
      ],
      "favorite_count" : "0",
      "id_str" : "1280000000000000004",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1280000000000000004",
      "created_at" : "Fri Jul 10 07:15:00 +0000 2020",
      "favorited" : false,
      "full_text" : "Early start, long day of site visits.",
      "lang" : "en"
    }
  }
]