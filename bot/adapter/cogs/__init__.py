"""Cogs: one module per feature, each ending with ``async def setup(bot)``. Listed in ``client.EXTENSIONS``."""
