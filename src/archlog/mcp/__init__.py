"""The Model Context Protocol server (``archlog mcp``): a front end like the CLI, over the API."""
