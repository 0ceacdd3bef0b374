window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1410000000000000501",
      "userLink" : "https://twitter.com/intent/user?user_id=1410000000000000501"
    }
  }
]