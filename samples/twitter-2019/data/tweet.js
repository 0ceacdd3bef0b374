window.YTD.tweet.part0 = [ {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [
      {
        "text" : "BrackenfordPlanning",
        "indices" : [
          "0",
          "1"
        ]
      }
    ],
    "symbols" : [],
    "user_mentions" : [],
    "urls" : []
  },
  "display_text_range" : [
    "0",
    "83"
  ],
  "favorite_count" : "0",
  "id_str" : "1140000000000000001",
  "truncated" : false,
  "retweet_count" : "0",
  "id" : "1140000000000000001",
  "created_at" : "Tue Jun 18 12:02:00 +0000 2019",
  "favorited" : false,
  "full_text" : "Planning committee tonight &amp; I am presenting. Wish me luck #BrackenfordPlanning",
  "lang" : "en"
}, {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [],
    "symbols" : [],
    "user_mentions" : [
      {
        "name" : "Brackenford Borough Council",
        "screen_name" : "BrackenfordBC",
        "indices" : [
          "3",
          "17"
        ],
        "id_str" : "1410000000000000900",
        "id" : "1410000000000000900"
      }
    ],
    "urls" : []
  },
  "display_text_range" : [
    "0",
    "62"
  ],
  "favorite_count" : "0",
  "id_str" : "1140000000000000002",
  "truncated" : false,
  "retweet_count" : "0",
  "id" : "1140000000000000002",
  "created_at" : "Mon Jun 17 09:18:18 +0000 2019",
  "favorited" : false,
  "full_text" : "RT @BrackenfordBC: Consultation on the Local Plan opens today.",
  "lang" : "en"
}, {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [],
    "symbols" : [],
    "user_mentions" : [],
    "urls" : [],
    "media" : [
      {
        "expanded_url" : "https://twitter.com/dana_whitcombe/status/1140000000000000003/photo/1",
        "indices" : [
          "0",
          "1"
        ],
        "url" : "https://t.co/MaPpic0001",
        "media_url" : "http://pbs.twimg.com/media/MaP0001.jpg",
        "id_str" : "1140000000000000093",
        "id" : "1140000000000000093",
        "media_url_https" : "https://pbs.twimg.com/media/MaP0001.jpg",
        "sizes" : {
          "thumb" : {
            "w" : "150",
            "h" : "150",
            "resize" : "crop"
          }
        },
        "type" : "photo",
        "display_url" : "pic.twitter.com/x"
      }
    ]
  },
  "display_text_range" : [
    "0",
    "64"
  ],
  "favorite_count" : "0",
  "in_reply_to_status_id_str" : "1140000000000000000",
  "in_reply_to_user_id" : "1410000000000000333",
  "id_str" : "1140000000000000003",
  "truncated" : false,
  "retweet_count" : "0",
  "id" : "1140000000000000003",
  "in_reply_to_status_id" : "1140000000000000000",
  "created_at" : "Sun Jun 16 20:32:22 +0000 2019",
  "favorited" : false,
  "full_text" : "@neighbour_ted Not my department, sorry! Try the contact centre.",
  "lang" : "en",
  "in_reply_to_screen_name" : "neighbour_ted",
  "in_reply_to_user_id_str" : "1410000000000000333",
  "extended_entities" : {
    "media" : [
      {
        "expanded_url" : "https://twitter.com/dana_whitcombe/status/1140000000000000003/photo/1",
        "indices" : [
          "0",
          "1"
        ],
        "url" : "https://t.co/MaPpic0001",
        "media_url" : "http://pbs.twimg.com/media/MaP0001.jpg",
        "id_str" : "1140000000000000093",
        "id" : "1140000000000000093",
        "media_url_https" : "https://pbs.twimg.com/media/MaP0001.jpg",
        "sizes" : {
          "thumb" : {
            "w" : "150",
            "h" : "150",
            "resize" : "crop"
          }
        },
        "type" : "photo",
        "display_url" : "pic.twitter.com/x"
      }
    ]
  }
} ]