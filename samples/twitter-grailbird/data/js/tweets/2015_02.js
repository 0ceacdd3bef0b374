Grailbird.data.tweets_2015_02 = 
 [ {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [
      {
        "name" : "Jo Marsh",
        "screen_name" : "cllr_jmarsh",
        "indices" : [
          0,
          12
        ],
        "id_str" : "300000000",
        "id" : 300000000
      }
    ],
    "media" : [],
    "hashtags" : [],
    "urls" : []
  },
  "geo" : {},
  "id_str" : "562000000000000003",
  "text" : "@cllr_jmarsh Thanks for the welcome!",
  "id" : 562000000000000003,
  "created_at" : "2015-02-02 08:00:00 +0000",
  "user" : {
    "name" : "Dana Whitcombe",
    "screen_name" : "dana_whitcombe",
    "protected" : false,
    "id_str" : "2900000001",
    "profile_image_url_https" : "https://pbs.twimg.com/profile_images/1/old.png",
    "id" : 2900000001,
    "verified" : false
  },
  "in_reply_to_status_id_str" : "561999999999999999",
  "in_reply_to_status_id" : 561999999999999999,
  "in_reply_to_user_id" : 300000000,
  "in_reply_to_user_id_str" : "300000000",
  "in_reply_to_screen_name" : "cllr_jmarsh"
} ]