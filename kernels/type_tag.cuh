#pragma once
// A type carried as a value, for visitors that turn a runtime kind into a template.
namespace rdp {

template <class T>
struct TypeTag {
  using type = T;
};

}  // namespace rdp
