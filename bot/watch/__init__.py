"""Source watch: fetch every source URL of the knowledge base politely, extract and normalise the main
text, hash it, compare with the last snapshot in storage and report per entry. Never writes knowledge/."""
