"""interceptors layer."""
