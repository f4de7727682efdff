"""What every stage shares: findings and the code table, the model's frozen records, the
document and its positions, the layout, the timeline (the one place "today" is decided), the
configuration, i18n and its catalogue, phrases, suggestions, the diff of two models.

Imports nothing of kring's outside `kring.core`.
"""
