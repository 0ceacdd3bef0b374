var tweet_index =  [
  {
    "file_name" : "data/js/tweets/2015_02.js",
    "year" : 2015,
    "var_name" : "tweets_2015_02",
    "tweet_count" : 1,
    "month" : 2
  },
  {
    "file_name" : "data/js/tweets/2015_01.js",
    "year" : 2015,
    "var_name" : "tweets_2015_01",
    "tweet_count" : 2,
    "month" : 1
  }
]