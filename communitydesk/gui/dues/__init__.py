"""The treasurer's screens (#17): the Dues page, the record-payment dialog, the member's Dues tab."""
