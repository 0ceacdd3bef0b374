window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Planning officer @BrackenfordBC. Allotments &amp; cycling. #BrackenfordPlanning",
        "website" : "https://t.co/WeBs1te001",
        "location" : "Brackenford, England"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1410000000000000009/AvAtAr01.jpg"
    }
  }
]