"""The question catalogue for AI assistants: an MCP server (tools, resources, prompts) over stdio and HTTP."""
