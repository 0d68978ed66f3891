"""review.xlsx, the coordinator's desk in Excel terms: the fields read from a referral, laid out to be
checked and corrected by a person (`write`), and read back (`read`); `original_pdf` prints a Word form
to PDF for reading without Word."""
