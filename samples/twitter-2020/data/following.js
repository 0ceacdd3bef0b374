window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "1410000000000000900",
      "userLink" : "https://twitter.com/intent/user?user_id=1410000000000000900"
    }
  }
]