# A module directory with no .tf files (an incomplete copy, a wrong path): Terraform reads it as an empty
# module; perimeter does too, and says so.
module "nodes" {
  source = "./modules/empty"
}
