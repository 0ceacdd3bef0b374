window.YTD.deleted_tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1601111111111111107"
          ],
          "editableUntil" : "2023-01-10T11:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1601111111111111107/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/DeL3t3dPic",
            "media_url" : "http://pbs.twimg.com/media/DeLeTeD01xYz.jpg",
            "id_str" : "1601111100000000003",
            "id" : "1601111100000000003",
            "media_url_https" : "https://pbs.twimg.com/media/DeLeTeD01xYz.jpg",
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
        "103"
      ],
      "favorite_count" : "0",
      "id_str" : "1601111111111111107",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1601111111111111107",
      "created_at" : "Sat Dec 03 23:10:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Can&#39;t believe the resident at 14 Mill Lane is objecting again. Some people. https://t.co/DeL3t3dPic",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1601111111111111107/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/DeL3t3dPic",
            "media_url" : "http://pbs.twimg.com/media/DeLeTeD01xYz.jpg",
            "id_str" : "1601111100000000003",
            "id" : "1601111100000000003",
            "media_url_https" : "https://pbs.twimg.com/media/DeLeTeD01xYz.jpg",
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
      "deleted_at" : "Sat Dec 03 23:25:41 +0000 2022"
    }
  }
]