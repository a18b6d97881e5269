"""CSA Setup: guided setup and checks for LinkedIn Recruiter Cross System Awareness."""

__version__ = "0.1.0"

APP_NAME = "CSA Setup"
# Used for platformdirs folders, the keychain service name and the log file name.
APP_ID = "csa-setup"
