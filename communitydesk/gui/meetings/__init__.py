"""The Meetings and Actions screens: lists, meeting form, agenda editor, minutes, matters arising."""
