"""What works: every touch the user sent and what came of it (`touches`), the report by kind of touch
(`report`), the coming touches as a calendar (`plan`), and the core circle at a glance (`circle`)."""
