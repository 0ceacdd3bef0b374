window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1410000000000000001-1410000000000000501",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000001",
            "reactions" : [],
            "urls" : [],
            "text" : "Ha, agreed",
            "mediaUrls" : [],
            "senderId" : "1410000000000000501",
            "id" : "1290000000000000702",
            "createdAt" : "2020-08-06T10:01:00.000Z",
            "editHistory" : []
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000501",
            "reactions" : [],
            "urls" : [],
            "text" : "Marsh is a clown",
            "mediaUrls" : [],
            "senderId" : "1410000000000000001",
            "id" : "1290000000000000701",
            "createdAt" : "2020-08-06T10:00:00.000Z",
            "editHistory" : []
          }
        }
      ]
    }
  }
]