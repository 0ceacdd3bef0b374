window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "m.hostile@example.com",
      "createdVia" : "web",
      "username" : "mallory_h",
      "accountId" : "990000001",
      "createdAt" : "2019-04-01T09:00:00.000Z",
      "accountDisplayName" : "Mallory <b>H</b>"
    }
  }
]
