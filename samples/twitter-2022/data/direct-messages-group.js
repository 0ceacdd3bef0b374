window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1640000000000000800",
      "messages" : [
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Drinks after the depot visit?",
            "mediaUrls" : [],
            "senderId" : "1410000000000000601",
            "id" : "1640000000000000803",
            "createdAt" : "2023-04-05T12:02:00.000Z",
            "editHistory" : []
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Team chat is live, no managers allowed &#x1F37A;",
            "mediaUrls" : [],
            "senderId" : "1410000000000000001",
            "id" : "1640000000000000802",
            "createdAt" : "2023-04-05T12:01:00.000Z",
            "editHistory" : []
          }
        },
        {
          "joinConversation" : {
            "initiatingUserId" : "1410000000000000001",
            "participantsSnapshot" : [
              "1410000000000000501",
              "1410000000000000601"
            ],
            "createdAt" : "2023-04-05T12:00:00.000Z"
          }
        }
      ]
    }
  }
]