"""Documents: Jinja templates to Markdown, Markdown to Word laid out by Nghị định 30/2020."""
