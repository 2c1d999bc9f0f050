"""What one person's open-space data needs beyond the rows services/privacy.py finds."""

from facilitate.domain.stages import PersonalData

PERSONAL_DATA = PersonalData()
