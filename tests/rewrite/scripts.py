"""Scripted model answers for the rewrite tests: good rewrites, and bad ones with one known defect each."""

ZH_GOOD = """@所有人 第一次线下交流会来啦！

时间：4 月 16 日（周六）下午 2 点
地点：南山科技园，科苑路一家咖啡馆的二楼（报名后私发地址）
主题：
1. etcd 与 Raft 入门（李伟）
2. Docker 在测试环境的实践（Alex）

名额 30 人，AA 咖啡。在群里接龙报名，或填报名表：https://jinshuju.net/f/AbC123"""

ZH_NO_DATE = ZH_GOOD.replace("4 月 16 日（周六）", "周六")  # drops the date

ZH_TOO_LONG = ZH_GOOD + "\n" + "到时候见，大家不见不散！" * 170  # every fact kept, but over 2000 characters

ZH_IN_ENGLISH = """@所有人 Our first offline meetup is here!

When: Saturday, 16 April, 2 pm
Where: 2nd floor of a café on Keyuan Road, Nanshan Science Park (exact address sent privately after you sign up)
Talks:
1. Intro to etcd and Raft (李伟)
2. Docker in test environments (Alex)

30 places, AA (everyone pays for their own coffee). Sign up by adding your name to the list in the group, or at https://jinshuju.net/f/AbC123"""

EN_GOOD = """Hi all, quick update about the Hiking Club!

**Next hike: Saturday 12 April 2025**
- Meet: 8:30 am at the Ridge trailhead car park
- Route: about 14 km with 600 m of climbing
- Bring: water and some snacks
- Cost: €12 per person (minibus)

Please sign up at https://forms.example.org/hike-april before Wednesday 9 April so Maria Lopez can book the minibus.

If it rains, we move it to Sunday 13 April.
Cheers, Alex"""

EN_NO_DEADLINE = EN_GOOD.replace("before Wednesday 9 April ", "")  # drops a weekday and a date

EN_WITH_ASK = EN_GOOD.replace("Cheers, Alex", "Could you help me out with the minibus money? Cheers, Alex")

EN_WITH_PLACEHOLDER = EN_GOOD.replace("the Ridge trailhead car park", "the Ridge trailhead car park ([address])")

EN_NEW_TIME = EN_GOOD.replace("If it rains,", "If it rains by 7:00 am,")  # adds a time

MIXED_GOOD = """@all 周六 Meetup 改到 WeWork 三里屯 3 楼啦～
🕑 时间：3/22 下午2点半 start，预计 2 hours
🎤 Speaker：Li Wei 讲 Raft，Claire Dubois 讲 climbing + tech 😄
📝 报名 RSVP：https://lu.ma/sh-meetup-0322（限 40 人）"""

MIXED_WRONG_DATE = MIXED_GOOD.replace("3/22", "3/23")  # changes the date

MIXED_NO_SPEAKER = MIXED_GOOD.replace("Claire Dubois 讲 climbing + tech", "还有 climbing + tech")  # drops a name
