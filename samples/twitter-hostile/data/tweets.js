window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1700000000000000001",
      "created_at" : "Tue Mar 07 19:30:00 +0000 2023",
      "full_text" : "&lt;script&gt;alert('the council are useless idiots')&lt;/script&gt; Brackenford Borough Council are useless idiots",
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1700000000000000002",
      "created_at" : "Tue Mar 07 19:45:00 +0000 2023",
      "full_text" : "&lt;img src=x onerror=\"document.title='pwned'\"&gt; the council's management are a bunch of clowns",
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1700000000000000003",
      "created_at" : "Wed Mar 08 20:00:00 +0000 2023",
      "full_text" : "=HYPERLINK(\"http://evil.example/\",\"click\") the council are total shite",
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
    }
  }
]
