"""Reading groups, as the guide recommends: one paper a week, a 30-60 minute discussion.

``manage`` creates groups, adds members, skips dates; ``schedule`` lays the papers out week by week with
presenters in turn; ``calendar`` exports it as iCalendar; ``agenda`` timeboxes a meeting; ``meetings``
keeps its notes, decisions and attendance; ``questions`` reads members' shared open questions from notes.
"""
