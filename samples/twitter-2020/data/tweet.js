window.YTD.tweet.part0 = [
  {
    "tweet" : {
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
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1290000000000000001/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/CiViCpic01",
            "media_url" : "http://pbs.twimg.com/media/CiViC01.png",
            "id_str" : "1290000000000000091",
            "id" : "1290000000000000091",
            "media_url_https" : "https://pbs.twimg.com/media/CiViC01.png",
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
        "93"
      ],
      "favorite_count" : "0",
      "id_str" : "1290000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1290000000000000001",
      "created_at" : "Mon Aug 03 08:30:00 +0000 2020",
      "favorited" : false,
      "full_text" : "Back at the Civic Centre after lockdown. Planning backlog &gt; 400 files #BrackenfordPlanning",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1290000000000000001/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/CiViCpic01",
            "media_url" : "http://pbs.twimg.com/media/CiViC01.png",
            "id_str" : "1290000000000000091",
            "id" : "1290000000000000091",
            "media_url_https" : "https://pbs.twimg.com/media/CiViC01.png",
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
    }
  },
  {
    "tweet" : {
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
        "49"
      ],
      "favorite_count" : "0",
      "id_str" : "1290000000000000002",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1290000000000000002",
      "created_at" : "Tue Aug 04 18:00:00 +0000 2020",
      "favorited" : false,
      "full_text" : "RT @BrackenfordBC: Council offices reopen Monday.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Cllr Jo Marsh",
            "screen_name" : "cllr_jmarsh",
            "indices" : [
              "0",
              "12"
            ],
            "id_str" : "1410000000000000777",
            "id" : "1410000000000000777"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "48"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1289999999999999999",
      "in_reply_to_user_id" : "1410000000000000777",
      "id_str" : "1290000000000000003",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1290000000000000003",
      "in_reply_to_status_id" : "1289999999999999999",
      "created_at" : "Wed Aug 05 21:40:00 +0000 2020",
      "favorited" : false,
      "full_text" : "@cllr_jmarsh Rubbish decision &amp; you know it.",
      "lang" : "en",
      "in_reply_to_screen_name" : "cllr_jmarsh",
      "in_reply_to_user_id_str" : "1410000000000000777"
    }
  }
]