window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1612345678901234101"
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
            "text" : "BrackenfordPlanning",
            "indices" : [
              "0",
              "1"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Brackenford Borough Council",
            "screen_name" : "BrackenfordBC",
            "indices" : [
              "108",
              "122"
            ],
            "id_str" : "1410000000000000900",
            "id" : "1410000000000000900"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/Ab12Cd34Ef",
            "expanded_url" : "https://www.brackenford.example.gov.uk/planning/mill-lane",
            "display_url" : "www.brackenford.exampl",
            "indices" : [
              "0",
              "1"
            ]
          }
        ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1612345678901234101/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/Ph0t0Li9k1",
            "media_url" : "http://pbs.twimg.com/media/FmIlLaNe01AbCd.jpg",
            "id_str" : "1612345670000000001",
            "id" : "1612345670000000001",
            "media_url_https" : "https://pbs.twimg.com/media/FmIlLaNe01AbCd.jpg",
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
        "176"
      ],
      "favorite_count" : "0",
      "id_str" : "1612345678901234101",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1612345678901234101",
      "created_at" : "Tue Jan 10 10:30:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Site notice up for the Mill Lane scheme &amp; comments close Friday. Numbers &gt; last year! #BrackenfordPlanning @BrackenfordBC https://t.co/Ab12Cd34Ef https://t.co/Ph0t0Li9k1",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1612345678901234101/photo/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/Ph0t0Li9k1",
            "media_url" : "http://pbs.twimg.com/media/FmIlLaNe01AbCd.jpg",
            "id_str" : "1612345670000000001",
            "id" : "1612345670000000001",
            "media_url_https" : "https://pbs.twimg.com/media/FmIlLaNe01AbCd.jpg",
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
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1612345678901234102"
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
        "98"
      ],
      "favorite_count" : "0",
      "id_str" : "1612345678901234102",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1612345678901234102",
      "created_at" : "Wed Jan 11 08:05:12 +0000 2023",
      "favorited" : false,
      "full_text" : "RT @BrackenfordBC: Bin collections move to Thursday next week &amp; garden waste resumes in March.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1612345678901234103"
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
        "90"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1612345678901230000",
      "in_reply_to_user_id" : "1410000000000000777",
      "id_str" : "1612345678901234103",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1612345678901234103",
      "in_reply_to_status_id" : "1612345678901230000",
      "created_at" : "Thu Jan 12 19:45:00 +0000 2023",
      "favorited" : false,
      "full_text" : "@cllr_jmarsh With respect, the committee hasn&#39;t even read the officer report &#x1F600;",
      "lang" : "en",
      "in_reply_to_screen_name" : "cllr_jmarsh",
      "in_reply_to_user_id_str" : "1410000000000000777"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1612345678901234104"
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
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1612345678901234104/video/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/ViD3o0000a",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1612345670000000002/pu/img/ThUmB01.jpg",
            "id_str" : "1612345670000000002",
            "id" : "1612345670000000002",
            "video_info" : {
              "aspect_ratio" : [
                "16",
                "9"
              ],
              "duration_millis" : "8000",
              "variants" : [
                {
                  "bitrate" : "256000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/vid/480x270/LoWrEs01.mp4?tag=12"
                },
                {
                  "content_type" : "application/x-mpegURL",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/pl/PlAyLiSt.m3u8?tag=12"
                },
                {
                  "bitrate" : "2176000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/vid/1280x720/HiReS01.mp4?tag=12"
                }
              ]
            },
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1612345670000000002/pu/img/ThUmB01.jpg",
            "sizes" : {
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "video",
            "display_url" : "pic.twitter.com/y"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "66"
      ],
      "favorite_count" : "0",
      "id_str" : "1612345678901234104",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1612345678901234104",
      "created_at" : "Fri Jan 13 12:15:30 +0000 2023",
      "favorited" : false,
      "full_text" : "Site visit at the old depot this morning 🚧 https://t.co/ViD3o0000a",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/dana_whitcombe/status/1612345678901234104/video/1",
            "indices" : [
              "0",
              "1"
            ],
            "url" : "https://t.co/ViD3o0000a",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1612345670000000002/pu/img/ThUmB01.jpg",
            "id_str" : "1612345670000000002",
            "id" : "1612345670000000002",
            "video_info" : {
              "aspect_ratio" : [
                "16",
                "9"
              ],
              "duration_millis" : "8000",
              "variants" : [
                {
                  "bitrate" : "256000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/vid/480x270/LoWrEs01.mp4?tag=12"
                },
                {
                  "content_type" : "application/x-mpegURL",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/pl/PlAyLiSt.m3u8?tag=12"
                },
                {
                  "bitrate" : "2176000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1612345670000000002/pu/vid/1280x720/HiReS01.mp4?tag=12"
                }
              ]
            },
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1612345670000000002/pu/img/ThUmB01.jpg",
            "sizes" : {
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "video",
            "display_url" : "pic.twitter.com/y"
          }
        ]
      }
    }
  }
]