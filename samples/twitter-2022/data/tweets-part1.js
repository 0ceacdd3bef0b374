window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1598765432109876501"
          ],
          "editableUntil" : "2023-01-10T11:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "NotMyManager",
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
        "96"
      ],
      "favorite_count" : "0",
      "id_str" : "1598765432109876501",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1598765432109876501",
      "created_at" : "Mon Nov 28 17:20:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Another week of Gareth Pell&#39;s shambles at the depot. Honestly &lt;facepalm&gt; #NotMyManager",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1598765432109876502"
          ],
          "editableUntil" : "2023-01-10T11:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "BrackenfordDecides",
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
        "56"
      ],
      "favorite_count" : "0",
      "id_str" : "1598765432109876502",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1598765432109876502",
      "created_at" : "Tue Nov 29 09:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Vote Green on Thursday, Brackenford! #BrackenfordDecides",
      "lang" : "en"
    }
  }
]