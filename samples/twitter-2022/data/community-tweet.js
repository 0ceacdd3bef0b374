window.YTD.community_tweet.part0 = [
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
        "56"
      ],
      "favorite_count" : "0",
      "id_str" : "1625555555555555301",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1625555555555555301",
      "created_at" : "Sun Feb 19 14:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Anyone else in planning fed up with the new case system?",
      "lang" : "en",
      "scopes" : {
        "followers" : false
      },
      "community_id" : "1625000000000000001",
      "community_id_str" : "1625000000000000001"
    }
  }
]