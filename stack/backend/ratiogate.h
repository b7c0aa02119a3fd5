#pragma once

// Says yes to exactly a given share of calls, spread evenly (error diffusion): at 0.2, every
// fifth call. The stack's injected failures use it so that Prometheus measures the share the
// test set, not a random draw around it.
class RatioGate
{
public:
    bool next(double ratio)
    {
        if (ratio <= 0)
            return false;
        m_carry += ratio;
        if (m_carry >= 1.0 - 1e-9) {
            m_carry -= 1.0;
            if (m_carry < 0)
                m_carry = 0;
            return true;
        }
        return false;
    }

private:
    double m_carry = 0;
};
