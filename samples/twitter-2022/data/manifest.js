window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1410000000000000001",
    "userName" : "dana_whitcombe",
    "displayName" : "Dana Whitcombe"
  },
  "archiveInfo" : {
    "sizeBytes" : "48213",
    "generationDate" : "2026-11-01T10:00:00.000Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  },
  "readmeInfo" : {
    "fileName" : "data/README.txt",
    "directory" : "data/",
    "name" : "README.txt"
  },
  "dataTypes" : {
    "account" : {
      "files" : [
        {
          "fileName" : "data/account.js",
          "globalName" : "YTD.account.part0",
          "count" : "1"
        }
      ]
    },
    "adImpressions" : {
      "files" : [
        {
          "fileName" : "data/ad-impressions.js",
          "globalName" : "YTD.ad_impressions.part0",
          "count" : "0"
        }
      ]
    },
    "communityTweet" : {
      "mediaDirectory" : "data/community_tweet_media",
      "files" : [
        {
          "fileName" : "data/community-tweet.js",
          "globalName" : "YTD.community_tweet.part0",
          "count" : "1"
        }
      ]
    },
    "deletedTweets" : {
      "mediaDirectory" : "data/deleted_tweets_media",
      "files" : [
        {
          "fileName" : "data/deleted-tweets.js",
          "globalName" : "YTD.deleted_tweets.part0",
          "count" : "1"
        }
      ]
    },
    "directMessages" : {
      "mediaDirectory" : "data/direct_messages_media",
      "files" : [
        {
          "fileName" : "data/direct-messages.js",
          "globalName" : "YTD.direct_messages.part0",
          "count" : "2"
        }
      ]
    },
    "directMessagesGroup" : {
      "mediaDirectory" : "data/direct_messages_group_media",
      "files" : [
        {
          "fileName" : "data/direct-messages-group.js",
          "globalName" : "YTD.direct_messages_group.part0",
          "count" : "1"
        }
      ]
    },
    "follower" : {
      "files" : [
        {
          "fileName" : "data/follower.js",
          "globalName" : "YTD.follower.part0",
          "count" : "2"
        }
      ]
    },
    "following" : {
      "files" : [
        {
          "fileName" : "data/following.js",
          "globalName" : "YTD.following.part0",
          "count" : "2"
        }
      ]
    },
    "like" : {
      "files" : [
        {
          "fileName" : "data/like.js",
          "globalName" : "YTD.like.part0",
          "count" : "3"
        }
      ]
    },
    "noteTweet" : {
      "files" : [
        {
          "fileName" : "data/note-tweet.js",
          "globalName" : "YTD.note_tweet.part0",
          "count" : "2"
        }
      ]
    },
    "profile" : {
      "mediaDirectory" : "data/profile_media",
      "files" : [
        {
          "fileName" : "data/profile.js",
          "globalName" : "YTD.profile.part0",
          "count" : "1"
        }
      ]
    },
    "tweets" : {
      "mediaDirectory" : "data/tweets_media",
      "files" : [
        {
          "fileName" : "data/tweets.js",
          "globalName" : "YTD.tweets.part0",
          "count" : "4"
        },
        {
          "fileName" : "data/tweets-part1.js",
          "globalName" : "YTD.tweets.part1",
          "count" : "2"
        }
      ]
    },
    "tweetsMedia" : {
      "mediaDirectory" : "data/tweets_media"
    }
  }
}