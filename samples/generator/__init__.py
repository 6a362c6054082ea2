"""Sample corpus generator: one content model rendered to PDF (reportlab or python-docx + LibreOffice)
and turned into the expected record. Run `python -m samples.generator [--out samples] [--only NAME]`."""
