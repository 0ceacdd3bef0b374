Grailbird.data.tweets_2015_01 = 
 [ {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [
      {
        "name" : "Brackenford Council",
        "screen_name" : "BrackenfordBC",
        "indices" : [
          3,
          17
        ],
        "id_str" : "290000000",
        "id" : 290000000
      }
    ],
    "media" : [],
    "hashtags" : [],
    "urls" : []
  },
  "geo" : {},
  "id_str" : "559000000000000002",
  "text" : "RT @BrackenfordBC: Gritters out tonight &amp; tomorrow.",
  "id" : 559000000000000002,
  "created_at" : "2015-01-24 02:02:37 +0000",
  "user" : {
    "name" : "Dana Whitcombe",
    "screen_name" : "dana_whitcombe",
    "protected" : false,
    "id_str" : "2900000001",
    "profile_image_url_https" : "https://pbs.twimg.com/profile_images/1/old.png",
    "id" : 2900000001,
    "verified" : false
  },
  "retweeted_status" : {
    "source" : "web",
    "entities" : {
      "user_mentions" : [],
      "media" : [],
      "hashtags" : [],
      "urls" : []
    },
    "geo" : {},
    "id_str" : "558999999999999999",
    "text" : "Gritters out tonight &amp; tomorrow.",
    "id" : 558999999999999999,
    "created_at" : "2015-01-24 01:00:00 +0000",
    "user" : {
      "name" : "Brackenford Council",
      "screen_name" : "BrackenfordBC",
      "protected" : false,
      "id_str" : "290000000",
      "id" : 290000000,
      "verified" : false
    }
  }
}, {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [],
    "media" : [
      {
        "expanded_url" : "http://twitter.com/dana_whitcombe/status/558000000000000001/photo/1",
        "indices" : [
          50,
          72
        ],
        "url" : "http://t.co/oldPic01",
        "media_url" : "http://pbs.twimg.com/media/B7oLdPiC01.jpg",
        "id_str" : "558000000000000091",
        "id" : 558000000000000091,
        "media_url_https" : "https://pbs.twimg.com/media/B7oLdPiC01.jpg",
        "sizes" : [],
        "display_url" : "pic.twitter.com/oldPic01"
      }
    ],
    "hashtags" : [
      {
        "text" : "newjob",
        "indices" : [
          40,
          47
        ]
      }
    ],
    "urls" : [
      {
        "indices" : [
          48,
          70
        ],
        "url" : "https://t.co/oldLink01",
        "expanded_url" : "http://www.brackenford.example.gov.uk/jobs",
        "display_url" : "brackenford.example.gov.uk/jobs"
      }
    ]
  },
  "geo" : {},
  "id_str" : "558000000000000001",
  "text" : "First week at Brackenford planning dept! #newjob https://t.co/oldLink01",
  "id" : 558000000000000001,
  "created_at" : "2015-01-20 17:30:00 +0000",
  "user" : {
    "name" : "Dana Whitcombe",
    "screen_name" : "dana_whitcombe",
    "protected" : false,
    "id_str" : "2900000001",
    "profile_image_url_https" : "https://pbs.twimg.com/profile_images/1/old.png",
    "id" : 2900000001,
    "verified" : false
  }
} ]