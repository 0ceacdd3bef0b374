var payload_details =  {
  "tweets" : 3,
  "created_at" : "2015-03-01 10:00:00 +0000",
  "lang" : "en"
}