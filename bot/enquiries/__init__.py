"""Enquiries: what a carer leaves for the Kinship Navigators, and how long it is kept."""
