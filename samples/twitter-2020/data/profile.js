window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Planner. Views my own.",
        "website" : "",
        "location" : "Brackenford"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/AvAtAr02.jpg"
    }
  }
]