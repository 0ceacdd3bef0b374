window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1620000000000000201",
      "updatedAt" : "2023-02-01T18:00:00.000Z",
      "lifecycle" : {
        "value" : "live",
        "name" : "Live",
        "originalName" : "live",
        "annotations" : {}
      },
      "createdAt" : "2023-02-01T18:00:00.000Z",
      "core" : {
        "styletags" : [],
        "urls" : [
          {
            "shortUrl" : "https://t.co/N0t3Url01",
            "expandedUrl" : "https://www.brackenford.example.gov.uk/budget",
            "toIndex" : "120",
            "fromIndex" : "97"
          }
        ],
        "text" : "Long thread on the budget: the council says one thing in public &amp; another in the staff briefing. I&#39;ll say it plainly here. https://t.co/N0t3Url01",
        "mentions" : [
          {
            "screenName" : "BrackenfordBC",
            "fromIndex" : "0",
            "toIndex" : "1"
          }
        ],
        "cashtags" : [],
        "hashtags" : [
          {
            "text" : "BrackenfordBudget",
            "fromIndex" : "0",
            "toIndex" : "1"
          }
        ]
      }
    }
  },
  {
    "noteTweet" : {
      "noteTweetId" : "1620000000000000202",
      "tweetId" : "1620000000000000299",
      "noteTweetResults" : {
        "text" : "Second long post, the older shape: planning committee notes for anyone interested.",
        "entitySet" : {
          "hashtags" : [],
          "symbols" : [],
          "userMentions" : [
            {
              "screenName" : "cllr_jmarsh"
            }
          ],
          "urls" : []
        }
      }
    }
  }
]