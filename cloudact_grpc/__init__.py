"""CloudAct API service: the control plane of the CloudAct FinOps platform."""

__version__ = "0.1.0"
