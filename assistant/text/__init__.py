"""Pure text classifiers shared by the ranking and the agent: asks (money, favours, referrals, jobs, sales) and
delicate topics (money between two people, quarrels), in Chinese, English, French, German, Arabic and Hindi.
No I/O and no models here."""
