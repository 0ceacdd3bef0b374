window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1410000000000000001-1410000000000000501",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000501",
            "reactions" : [],
            "urls" : [],
            "text" : "Fine. Keep it between us, the Mill Lane report is being rewritten before committee.",
            "mediaUrls" : [],
            "senderId" : "1410000000000000001",
            "id" : "1630000000000000703",
            "createdAt" : "2023-03-01T09:10:00.000Z",
            "editHistory" : []
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000001",
            "reactions" : [],
            "urls" : [],
            "text" : "What&#39;s going on with Mill Lane?",
            "mediaUrls" : [],
            "senderId" : "1410000000000000501",
            "id" : "1630000000000000702",
            "createdAt" : "2023-03-01T09:05:00.000Z",
            "editHistory" : []
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000501",
            "reactions" : [],
            "urls" : [],
            "text" : "Morning! Got a minute?",
            "mediaUrls" : [],
            "senderId" : "1410000000000000001",
            "id" : "1630000000000000701",
            "createdAt" : "2023-03-01T09:00:00.000Z",
            "editHistory" : []
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "1410000000000000001-1410000000000000601",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1410000000000000601",
            "reactions" : [],
            "urls" : [
              {
                "url" : "https://t.co/DmPlAn0001",
                "expanded" : "https://www.brackenford.example.gov.uk/plan.pdf",
                "display" : "www.brackenford.exampl"
              }
            ],
            "text" : "Here is the plan https://t.co/DmPlAn0001",
            "mediaUrls" : [
              "https://ton.twitter.com/1.1/ton/data/dm/1630000000000000711/1630000000000000712/PlAnPic1.jpg"
            ],
            "senderId" : "1410000000000000001",
            "id" : "1630000000000000711",
            "createdAt" : "2023-03-02T20:00:00.000Z",
            "editHistory" : []
          }
        }
      ]
    }
  }
]