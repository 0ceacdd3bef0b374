var user_details =  {
  "screen_name" : "dana_whitcombe",
  "location" : "Brackenford",
  "full_name" : "Dana Whitcombe",
  "bio" : "Planner in training &amp; cyclist",
  "id" : "2900000001",
  "created_at" : "2011-05-03 09:12:44 +0000"
}