"""OpenAPI document of the REST door, generated from the descriptor set (``make gen``)."""
