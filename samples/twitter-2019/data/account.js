window.YTD.account.part0 = [ {
  "account" : {
    "phoneNumber" : "+447700900123",
    "email" : "dana.w@example.com",
    "createdVia" : "web",
    "username" : "dana_whitcombe",
    "accountId" : "1410000000000000001",
    "createdAt" : "2019-05-03T09:12:44.000Z",
    "accountDisplayName" : "Dana W"
  }
} ]